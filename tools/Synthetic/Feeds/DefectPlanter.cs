using Lake.Pseudonymization;
using System.Text;

namespace Lake.Synthetic.Feeds;

/// <summary>
/// Writes a broken record that looks like a real one: a random good record of the same feed is
/// copied and broken in exactly one way, so an ingest has one reason, and only one, to refuse it.
/// </summary>
internal sealed class DefectPlanter(ITabularFeed feed, RowRenderer renderer, Random random)
{
    // None is letter + two digits: not even case or dot fixes would make them ICD-10.
    private static readonly string[] MalformedCodes = ["E1", "123", "EE11", "I1O", "J4", "1E11"];

    private static readonly DateTime FallbackTime = new(2019, 6, 14, 10, 30, 0);

    private readonly FeedLayout _layout = feed.Layout;

    public (string Text, string Hetu) Plant(string kind)
    {
        var template = Template();
        var values = (string?[])template.Values.Clone();
        var hetu = template.Hetu;
        switch (kind)
        {
            case DefectKinds.InvalidHetu:
                hetu = HetuTypo.WithWrongCheckCharacter(hetu, random);
                values[_layout.FirstWith(FieldRole.Identity)] = hetu;
                break;
            case DefectKinds.ImpossibleDate:
                var dateField = _layout.FirstWith(FieldRole.EventTime);
                var time = template.EventTime ?? FallbackTime;
                values[dateField] = ImpossibleDates.Format(_layout.Fields[dateField].DateFormat!, time.Year, SyntheticCalendar.ImpossibleDay(random, time.Year), TimeOnly.FromDateTime(time));
                break;
            case DefectKinds.MalformedCode:
                values[_layout.FirstWith(FieldRole.IcdCode)] = random.Pick(MalformedCodes);
                break;
            case DefectKinds.MissingRequired:
                values[RequiredToEmpty()] = null;
                break;
            case DefectKinds.TruncatedLine:
                return (renderer.Truncated(values, random), hetu);
            case DefectKinds.WrongEncoding:
                var (field, value) = _layout.WrongEncoding!.Value;
                values[_layout.IndexOf(field)] = value;

                // The whole row arrives as UTF-8 bytes, which the feed's single-byte encoding
                // writes back unchanged: Ä (C3 84) becomes "Ã„" to a Latin-1 reader.
                return (_layout.Encoding.GetString(Encoding.UTF8.GetBytes(renderer.Render(values))), hetu);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Not a defect of {_layout.FileName}.");
        }

        return (renderer.Render(values), hetu);
    }

    /// <summary>A good record to copy; excluded rows are never copied, or the copy would be excluded instead of quarantined.</summary>
    private FeedRow Template()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var row = feed.Row(random.Next(feed.Count));
            if (row.ExcludedAs is null)
                return row;
        }

        throw new InvalidOperationException($"{_layout.FileName} has no row that a defect could copy.");
    }

    /// <summary>A required field other than the event time when there is one, so the defect differs from impossible_date.</summary>
    private int RequiredToEmpty()
    {
        var fields = _layout.Fields;
        var candidates = Enumerable.Range(0, fields.Count)
            .Where(i => fields[i].Role.HasFlag(FieldRole.Required) && !fields[i].Role.HasFlag(FieldRole.EventTime))
            .ToList();
        return candidates.Count > 0 ? random.Pick(candidates) : _layout.FirstWith(FieldRole.Required);
    }
}
