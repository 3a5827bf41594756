using System.Text;

namespace Lake.Synthetic.Tests;

/// <summary>Reads a written feed back line by line, in the encoding and delimiter its source system uses.</summary>
internal static class FeedReader
{
    public const string Background = "uranus_patient_background.csv";
    public const string Diagnoses = "apotti_diagnoses.csv";
    public const string Laboratory = "multilab_laboratory.tsv";

    // Strict decoding: a stray byte would throw here instead of turning into U+FFFD.
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding EncodingOf(string fileName) => fileName == Background ? Encoding.Latin1 : StrictUtf8;

    public static char DelimiterOf(string fileName) => fileName switch
    {
        Background => ';',
        Diagnoses => ',',
        _ => '\t',
    };

    /// <summary>Physical lines; index 0 is line 1, the header. No feed has a line break inside a field.</summary>
    public static string[] Lines(string folder, string fileName) =>
        File.ReadAllLines(Path.Combine(folder, fileName), EncodingOf(fileName));

    /// <summary>Splits a line that has no quoted fields; the diagnosis feed's quoted fields go through Sep.</summary>
    public static string[] Fields(string line, string fileName) => line.Split(DelimiterOf(fileName));

    public static FeedTruth Feed(this SyntheticLakeTruth truth, string fileName) => truth.Feeds.Single(f => f.FileName == fileName);

    public static IEnumerable<TruthRow> GoodRows(this FeedTruth feed) => feed.Rows.Where(r => r.Defect is null);

    /// <summary>THL's canonical form: upper case, dot after the third character.</summary>
    public static string CanonicalIcd(string code)
    {
        var upper = code.ToUpperInvariant();
        return upper.Length > 3 && upper[3] != '.' ? upper[..3] + "." + upper[3..] : upper;
    }
}
