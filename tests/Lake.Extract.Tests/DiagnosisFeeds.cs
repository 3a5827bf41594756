using Lake.Ingest.Descriptors;

namespace Lake.Extract.Tests;

/// <summary>The descriptor of the small diagnosis feeds (hetu,code,at) the extraction tests build their lakes from.</summary>
internal static class DiagnosisFeeds
{
    public const string Header = "hetu,code,at";

    public static SourceDescriptor Descriptor(string system, int from, int? to = null) => new()
    {
        System = system,
        Register = "diagnosis",
        Years = new YearRange { From = from, To = to },
        Identity = "hetu",
        Columns = new Dictionary<string, ColumnMapping>
        {
            ["code"] = new() { From = "code", Normalize = "icd10" },
            ["code_system"] = new() { Value = "ICD-10" },
            ["recorded_at"] = new() { From = "at", Format = "yyyy-MM-ddTHH:mm:ss" },
        },
    };
}
