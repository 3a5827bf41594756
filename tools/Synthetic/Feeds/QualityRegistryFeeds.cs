using Lake.Contracts.Registers;
using Lake.Synthetic.Care;

namespace Lake.Synthetic.Feeds;

/// <summary>
/// The quality registries: one UTF-8 CSV per registry in a folder of their own, all in the registry
/// platform's one layout of name/value pairs.
/// </summary>
internal static class QualityRegistryFeeds
{
    public static string FileName(string registry) => $"{FeedFiles.QualityRegistries}/{registry}.csv";

    public static ITabularFeed Registry(IReadOnlyList<PersonProfile> people, string registry, IReadOnlyList<RegistryRecord> records)
    {
        var layout = new FeedLayout(RegisterNames.QualityRegistrySource, registry, FileName(registry), FeedShape.Delimited, FeedEncodings.Utf8,
            [Field.Hetu("ssn"), Field.Required("enrolled"), Field.Event("recorded_at", Formats.IsoTime), Field.Required("variable"), Field.Text("value")]);
        return new TabularFeed<RegistryRecord>(layout, records, r =>
        {
            var hetu = people[r.Person].Hetu.Value;
            return new FeedRow(hetu, [hetu, Formats.Date(r.Enrolled, Formats.IsoDate), Formats.Time(r.Time, Formats.IsoTime), r.Variable, r.Value])
            {
                EventTime = r.Time,
                Code = r.Variable,
                Value = double.TryParse(r.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null,
            };
        });
    }
}
