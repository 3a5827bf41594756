using System.IO.Compression;
using System.Text;
using System.Text.Json;
using nietras.SeparatedValues;

namespace Lake.Synthetic.Tests;

/// <summary>
/// Reads any written feed back into records by the line each starts on, in the format its source
/// system uses, with readers written independently of the generator: Sep for delimited text,
/// System.Text.Json for JSON Lines, substrings for the fixed-width feed.
/// </summary>
internal static class AnyFeed
{
    public static readonly Encoding Latin1 = Encoding.Latin1;

    public static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    // Strict: a stray byte throws instead of turning into U+FFFD.
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static readonly int[] QpatiWidths = [11, 12, 12, 34, 24, 100];

    public static Encoding EncodingOf(string fileName) => fileName switch
    {
        "marela_orders.csv" => Windows1252,
        _ when IsLatin1(fileName) => Latin1,
        _ => Utf8,
    };

    public static bool IsLatin1(string fileName) =>
        fileName.StartsWith("uranus_", StringComparison.Ordinal) || fileName.StartsWith("icu_clinisoft", StringComparison.Ordinal)
        || fileName is "qpati_pathology.dat" or "kemokur_courses.csv" or "obstetrix_births.csv" or "mustiradu_exams.csv";

    public static char DelimiterOf(string fileName) => fileName switch
    {
        "muse_ecg.txt" => '|',
        "opera_operations.tsv" or "multilab_laboratory.tsv" => '\t',
        "husradu_exams.csv" or "marela_orders.csv" => ';',
        _ when IsLatin1(fileName) => ';',
        _ => ',',
    };

    public static string Text(string folder, string fileName)
    {
        using var reader = Open(folder, fileName);
        return reader.ReadToEnd();
    }

    /// <summary>Records by the physical line they start on; a record that cannot be parsed (a cut JSON object) has no fields.</summary>
    public static Dictionary<int, string[]?> Records(string folder, string fileName)
    {
        var records = new Dictionary<int, string[]?>();
        if (fileName.EndsWith(".jsonl", StringComparison.Ordinal))
        {
            var lines = Text(folder, fileName).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length > 0)
                    records[i + 1] = Json(lines[i]);
            }
        }
        else if (fileName == "qpati_pathology.dat")
        {
            var lines = Text(folder, fileName).Split("\r\n");
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length > 0)
                    records[i + 1] = FixedWidth(lines[i]);
            }
        }
        else
        {
            using var text = Open(folder, fileName);
            using var reader = Sep.New(DelimiterOf(fileName)).Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
            foreach (var row in reader)
            {
                var fields = new string[row.ColCount];
                for (var i = 0; i < fields.Length; i++)
                    fields[i] = row[i].ToString();
                records[row.LineNumberFrom] = fields;
            }
        }

        return records;
    }

    public static string[] FixedWidth(string line)
    {
        var fields = new List<string>();
        var start = 0;
        foreach (var width in QpatiWidths)
        {
            if (start >= line.Length)
                break;
            fields.Add(line.Substring(start, Math.Min(width, line.Length - start)).TrimEnd());
            start += width;
        }

        return [.. fields];
    }

    private static string[]? Json(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.EnumerateObject()
                .Select(p => p.Value.ValueKind switch { JsonValueKind.String => p.Value.GetString()!, JsonValueKind.Null => "", _ => p.Value.GetRawText() })
                .ToArray();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static StreamReader Open(string folder, string fileName)
    {
        Stream stream = File.OpenRead(Path.Combine(folder, fileName));
        if (fileName.EndsWith(".gz", StringComparison.Ordinal))
            stream = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(stream, EncodingOf(fileName), detectEncodingFromByteOrderMarks: fileName == "opera_operations.tsv");
    }
}
