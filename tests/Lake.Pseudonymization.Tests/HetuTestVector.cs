namespace Lake.Pseudonymization.Tests;

/// <summary>
/// One row of TestData/hetu_test_vectors.csv. The file holds only fictitious and test codes
/// (DVV's test persons for the 2023 century-sign reform, examples from news items and rows from
/// open-source validator test suites), re-checked against the rules; each row names its source.
/// </summary>
public sealed record HetuTestVector(
    string Hetu,
    bool ExpectedValid,
    string ReasonOrDecoded,
    string BirthDate,
    string Sex,
    string NumberRange)
{
    public const int ExpectedCount = 65;

    private static readonly Lazy<IReadOnlyList<HetuTestVector>> All = new(Load);

    public static IReadOnlyList<HetuTestVector> LoadAll() => All.Value;

    // Quoted so that a leading space is visible in test names.
    public override string ToString() => $"\"{Hetu}\"";

    private static List<HetuTestVector> Load()
    {
        // AppContext rather than TestContext: test case sources are read before any test runs.
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "hetu_test_vectors.csv");
        var lines = File.ReadAllLines(path);
        if (!lines[0].StartsWith("hetu,expected_valid,reason_or_decoded,birth_date,sex,number_range,", StringComparison.Ordinal))
            throw new InvalidDataException($"Unexpected header in {path}; the columns this loader reads have moved.");

        return [.. lines.Skip(1)
            .Where(line => line.Length > 0)
            .Select(ParseLine)
            .Select(fields => new HetuTestVector(fields[0], bool.Parse(fields[1]), fields[2], fields[3], fields[4], fields[5]))];
    }

    /// <summary>RFC 4180 fields: quoted fields may hold commas, and keep their spaces.</summary>
    private static List<string> ParseLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
