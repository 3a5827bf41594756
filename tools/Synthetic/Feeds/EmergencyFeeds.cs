using Lake.Synthetic.Care;

namespace Lake.Synthetic.Feeds;

/// <summary>
/// Intensive care and prehospital systems. The Caresuite (Picis) systems and Merlotmedi export JSON
/// Lines with ISO time stamps and JSON numbers; the Clinisoft systems Latin-1 CSV with Finnish dates
/// and decimal commas. Systems of one family share a layout and differ in file and years.
/// </summary>
internal static class EmergencyFeeds
{
    public static ITabularFeed IntensiveCare(IReadOnlyList<PersonProfile> people, IcuSystem system, IReadOnlyList<IcuRecord> records) =>
        system.Caresuite ? Caresuite(people, system, records) : Clinisoft(people, system, records);

    public static ITabularFeed Calls(IReadOnlyList<PersonProfile> people, IReadOnlyList<PrehospitalCallRecord> records)
    {
        var layout = new FeedLayout(SourceSystems.Merlotmedi, "prehospital_call", "merlotmedi_calls.jsonl", FeedShape.JsonLines, FeedEncodings.Utf8,
            [Field.Hetu("hetu"), Field.Event("call_received", Formats.IsoTime), Field.Text("task_code"), Field.Text("urgency"), Field.Text("unit_on_scene"), Field.Text("medication"), Field.Text("narrative")]);
        return new TabularFeed<PrehospitalCallRecord>(layout, records, r =>
        {
            var hetu = people[r.Person].Hetu.Value;
            return new FeedRow(hetu, [hetu, Formats.Time(r.Time, Formats.IsoTime), r.Task, r.Urgency.ToString(), Formats.Time(r.Arrival, Formats.IsoTime), r.Medication, r.Narrative])
            {
                EventTime = r.Time,
                Code = r.Task,
            };
        });
    }

    public static ITabularFeed Care(IReadOnlyList<PersonProfile> people, IReadOnlyList<PrehospitalCareRecord> records)
    {
        var layout = new FeedLayout(SourceSystems.Merlotmedi, "prehospital_care", "merlotmedi_care.jsonl", FeedShape.JsonLines, FeedEncodings.Utf8,
            [Field.Hetu("hetu"), Field.Event("time", Formats.IsoTime), Field.Text("measure"), Field.Text("destination")]);
        return new TabularFeed<PrehospitalCareRecord>(layout, records, r =>
        {
            var hetu = people[r.Person].Hetu.Value;
            return new FeedRow(hetu, [hetu, Formats.Time(r.Time, Formats.IsoTime), r.Procedure, r.Destination])
            {
                EventTime = r.Time,
                Code = r.Procedure,
            };
        });
    }

    private static ITabularFeed Caresuite(IReadOnlyList<PersonProfile> people, IcuSystem system, IReadOnlyList<IcuRecord> records)
    {
        var layout = new FeedLayout(system.Name, "intensive_care", system.FileName, FeedShape.JsonLines, FeedEncodings.Utf8,
            [Field.Hetu("ssn"), Field.Text("ward"), Field.Event("charted_at", Formats.IsoTime), Field.Required("item"), Field.Number("value"), Field.Text("uom"), Field.Text("ended_at")]);
        return new TabularFeed<IcuRecord>(layout, records, r =>
        {
            var hetu = people[r.Person].Hetu.Value;
            var (item, unit) = r.Item switch
            {
                IcuItem.Stay => ("ICU admission", null),
                IcuItem.HeartRate => ("HR", "bpm"),
                IcuItem.MeanArterialPressure => ("ABPm", "mmHg"),
                IcuItem.OxygenSaturation => ("SpO2", "%"),
                IcuItem.Temperature => ("Temp", "°C"),
                IcuItem.Ventilation => ("Mechanical ventilation", null),
                _ => ("SOFA total", (string?)null),
            };
            return new FeedRow(hetu, [hetu, r.Ward, Formats.Time(r.Time, Formats.IsoTime), item, r.Value is { } value ? Formats.Point(value, Decimals(r.Item)) : null, unit,
                r.End is { } end ? Formats.Time(end, Formats.IsoTime) : null])
            {
                EventTime = r.Time,
                Code = item,
                Value = r.Value,
            };
        });
    }

    private static ITabularFeed Clinisoft(IReadOnlyList<PersonProfile> people, IcuSystem system, IReadOnlyList<IcuRecord> records)
    {
        var layout = new FeedLayout(system.Name, "intensive_care", system.FileName, FeedShape.Delimited, FeedEncodings.Latin1,
            [Field.Hetu("HETU"), Field.Text("OSASTO"), Field.Event("KIRJAUSAIKA", Formats.FinnishTime), Field.Required("MUUTTUJA"), Field.Text("ARVO"), Field.Text("MITTAYKSIKKO"), Field.Text("PAATTYI")])
        {
            Delimiter = ';',
            NewLine = "\r\n",
        };
        return new TabularFeed<IcuRecord>(layout, records, r =>
        {
            var hetu = people[r.Person].Hetu.Value;
            var (item, unit) = r.Item switch
            {
                IcuItem.Stay => ("Hoitojakso", null),
                IcuItem.HeartRate => ("Syke", "/min"),
                IcuItem.MeanArterialPressure => ("MAP", "mmHg"),
                IcuItem.OxygenSaturation => ("SpO2", "%"),
                IcuItem.Temperature => ("Lämpö", "°C"),
                IcuItem.Ventilation => ("Respiraattorihoito", null),
                _ => ("SOFA", (string?)"pistettä"),
            };
            return new FeedRow(hetu, [hetu, r.Ward, Formats.Time(r.Time, Formats.FinnishTime), item, r.Value is { } value ? Formats.Comma(value, Decimals(r.Item)) : null, unit,
                r.End is { } end ? Formats.Time(end, Formats.FinnishTime) : null])
            {
                EventTime = Formats.ToMinute(r.Time),
                Code = item,
                Value = r.Value,
            };
        });
    }

    private static int Decimals(IcuItem item) => item == IcuItem.Temperature ? 1 : 0;
}
