namespace Lake.Contracts.Codes;

/// <summary>
/// ICD-10 codes in one canonical form, so that a code written <c>E119</c>, <c>e11.9</c> or <c>E11.9</c>
/// by different systems is stored, searched and delivered as <c>E11.9</c> (THL's dotted form).
/// Ingest and request specifications use the same rule, which is what makes prefix search exact.
/// </summary>
public static class Icd10Code
{
    /// <summary>Upper-cases, removes a dot and puts it back after the third character.</summary>
    public static string Normalize(ReadOnlySpan<char> code)
    {
        Span<char> compact = stackalloc char[Math.Min(code.Length, 16)];
        var length = 0;
        foreach (var c in code.Trim())
        {
            if (c == '.')
                continue;
            if (length == compact.Length)
                break;
            compact[length++] = char.ToUpperInvariant(c);
        }

        return length <= 3
            ? new string(compact[..length])
            : string.Concat(compact[..3], ".", compact[3..length]);
    }

    /// <summary>
    /// A letter, two digits, optionally a dot and up to four more letters or digits: the WHO and THL
    /// shape, so a typo such as I1O is caught. The US clinical modification (ICD-10-CM, in foreign
    /// sources) also has a letter third (C7A, M1A, Z3A), accepted only when asked for.
    /// </summary>
    public static bool IsWellFormed(string canonical, bool clinicalModification = false)
    {
        if (canonical.Length < 3 || !char.IsAsciiLetterUpper(canonical[0]) || !char.IsAsciiDigit(canonical[1]))
            return false;
        if (!char.IsAsciiDigit(canonical[2]) && !(clinicalModification && char.IsAsciiLetterUpper(canonical[2])))
            return false;
        if (canonical.Length == 3)
            return true;
        if (canonical[3] != '.' || canonical.Length is < 5 or > 8)
            return false;
        foreach (var c in canonical.AsSpan(4))
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
                return false;
        }

        return true;
    }

    /// <summary>A prefix as a researcher writes it (E11, e11.9, E119) in canonical form; valid if it is a letter followed by digits.</summary>
    public static bool TryNormalizePrefix(string prefix, out string canonical)
    {
        canonical = Normalize(prefix);
        if (canonical.Length == 0 || canonical.Length > 8 || !char.IsAsciiLetterUpper(canonical[0]))
            return false;
        foreach (var c in canonical.AsSpan(1))
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c) && c != '.')
                return false;
        }

        return true;
    }
}
