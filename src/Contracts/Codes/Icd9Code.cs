namespace Lake.Contracts.Codes;

/// <summary>
/// ICD-9 codes in dotted canonical form (250.00, V15.82, E849.0), for older and foreign sources
/// that still carry them; diagnoses keep their code system so the two are never confused.
/// </summary>
public static class Icd9Code
{
    public static string Normalize(ReadOnlySpan<char> code)
    {
        var compact = new string(code.Trim().ToString().Where(c => c != '.').Select(char.ToUpperInvariant).ToArray());
        var integerDigits = compact.StartsWith('E') ? 4 : 3;
        return compact.Length <= integerDigits ? compact : compact[..integerDigits] + "." + compact[integerDigits..];
    }

    public static bool IsWellFormed(string canonical)
    {
        var (head, tail) = canonical.IndexOf('.') is var dot and >= 0 ? (canonical[..dot], canonical[(dot + 1)..]) : (canonical, "");
        var headOk = head.Length switch
        {
            3 => head.All(char.IsAsciiDigit) || (head[0] == 'V' && head[1..].All(char.IsAsciiDigit)),
            4 => head[0] == 'E' && head[1..].All(char.IsAsciiDigit),
            _ => false,
        };
        return headOk && tail.Length <= (head[0] == 'E' ? 1 : 2) && tail.All(char.IsAsciiDigit) && (tail.Length > 0 || !canonical.Contains('.'));
    }
}
