using System.Diagnostics;
using System.Globalization;
using Lake.Ingest;
using Lake.Ingest.Mapping;
using Lake.Ingest.Reading;
using Lake.Pseudonymization;

namespace Lake.Bench.Profiling;

/// <summary>
/// Splits field conversion by column: each FieldConverter runs alone over a sample of rows already in
/// memory, beside an alternative a faster ingest could use, so a suggestion comes with a measured gain.
/// </summary>
internal static class ConverterProfiler
{
    private const int Repeats = 3;

    public static IReadOnlyList<ColumnCost> Run(ProfileContext context, int sampleRows)
    {
        var (rows, mapper) = LoadSample(context, sampleRows);
        var hetu = Hetu.Parse(rows[0][mapper.IdentityIndex]);
        var costs = new List<ColumnCost>();
        foreach (var converter in mapper.Converters)
        {
            if (converter is null || converter.SourceIndex < 0)
                continue;
            var source = converter.SourceIndex;
            costs.Add(Measure(rows, converter.Column.Name, $"FieldConverter ({converter.Column.Type}) from {converter.FeedColumn}", row =>
            {
                converter.Convert(row[source], hetu, out var value);
                return value.HasValue ? 1 : 0;
            }));
        }

        var identityIndex = mapper.IdentityIndex;
        IdentityCache? identities = null;
        costs.Add(Measure(
            rows,
            "identity",
            "IdentityCache.Resolve, fresh cache per pass (HMAC + AES once per person)",
            row => identities!.Resolve(row[identityIndex]).Hetu is null ? 0 : 1,
            // Each pass pays for its distinct persons, as one ingest does.
            () => identities = new IdentityCache(context.Pseudonymizer, context.Register.Name, context.KeyRing.CurrentKeyId)));
        AddAlternatives(rows, mapper, costs);
        return costs;
    }

    private static void AddAlternatives(List<string[]> rows, RowMapper mapper, List<ColumnCost> costs)
    {
        // TULOS is parsed as a number twice: once for result_value, once by result_text's keep_if: not_numeric.
        var result = mapper.Converters.First(c => c?.Column.Name == "result_value")!.SourceIndex;
        var comma = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = " " };
        costs.Add(Measure(rows, "result_value", "what-if: one double.TryParse shared by result_value and result_text", row =>
            double.TryParse(row[result].AsSpan().Trim(), NumberStyles.Float, comma, out var number) ? (int)number : -1));
    }

    private static ColumnCost Measure(List<string[]> rows, string column, string how, Func<string[], int> convert, Action? beforePass = null)
    {
        var sink = 0L;
        var best = double.MaxValue;
        var allocated = 0L;
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            beforePass?.Invoke();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = Stopwatch.StartNew();
            foreach (var row in rows)
                sink += convert(row);
            stopwatch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
        }

        GC.KeepAlive(sink);
        return new ColumnCost(column, how, best * 1e9 / rows.Count, (double)allocated / rows.Count);
    }

    private static (List<string[]> Rows, RowMapper Mapper) LoadSample(ProfileContext context, int sampleRows)
    {
        using var reader = FeedReaders.Open(context.Descriptor, context.Feed);
        var mapper = new RowMapper(context.Descriptor, context.Register, reader.ColumnNames);
        var record = new FeedRecord();
        var rows = new List<string[]>(sampleRows);
        while (rows.Count < sampleRows && reader.Read(record))
        {
            var fields = new string[record.Count];
            for (var i = 0; i < fields.Length; i++)
                fields[i] = record[i].ToString();
            rows.Add(fields);
        }

        return (rows, mapper);
    }
}
