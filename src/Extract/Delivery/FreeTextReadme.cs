using System.Globalization;
using System.Text;
using Lake.Contracts.Extraction;
using Lake.Extract.Scrubbing;

namespace Lake.Extract.Delivery;

/// <summary>The README's words on how a dataset's rows were selected and what was scrubbed from its free text.</summary>
internal static class FreeTextReadme
{
    public static void DescribeSelection(StringBuilder text, DatasetRequest dataset)
    {
        var limits = dataset.Filters.Select(Describe).ToList();
        if (dataset.Terms.Count > 0)
            limits.Add($"texts with a word starting with {string.Join(" or ", dataset.Terms.Select(t => $"`{t.Trim()}`"))}, in any letter case");
        if (dataset.Specialties.Count > 0)
            limits.Add($"specialty {string.Join(" or ", dataset.Specialties.Select(s => $"`{s.Trim()}`"))}");
        if (limits.Count == 0)
            return;
        text.AppendLine(CultureInfo.InvariantCulture, $"Rows limited to: {string.Join("; ", limits)}.");
        text.AppendLine();
    }

    public static void DescribeRedactions(StringBuilder text, DeliveryManifest manifest)
    {
        if (manifest.Redactions is not { } redactions)
            return;
        text.AppendLine("## Free text");
        text.AppendLine();
        text.AppendLine("Free-text columns were scrubbed of direct identifiers before delivery. Each one found is replaced by a mark");
        text.AppendLine("saying what it was; the scrubber errs towards taking out too much, so a mark may stand for an ordinary word.");
        text.AppendLine();
        text.AppendLine("| mark | identifiers taken out |");
        text.AppendLine("| --- | --- |");
        foreach (var kind in Enum.GetValues<RedactionKind>())
            text.AppendLine(CultureInfo.InvariantCulture, $"| {RedactionMarks.Mark(kind)} | {redactions.GetValueOrDefault(RedactionMarks.CountName(kind))} |");
        text.AppendLine();
    }

    private static string Describe(DatasetFilter filter) => filter switch
    {
        { In.Count: > 0 } => $"{filter.Column} one of {string.Join(", ", filter.In)}",
        { Min: { } min, Max: { } max } => string.Create(CultureInfo.InvariantCulture, $"{filter.Column} from {min} to {max}"),
        { Min: { } min } => string.Create(CultureInfo.InvariantCulture, $"{filter.Column} at least {min}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{filter.Column} at most {filter.Max}"),
    };
}
