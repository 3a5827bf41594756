using DuckDB.NET.Data;
using Lake.Contracts.Registers;
using Lake.Extract.Querying;
using Lake.Extract.Scrubbing;

namespace Lake.Extract.Delivery;

/// <summary>
/// Scrubs the free-text columns of an extracted table inside the query session, through a scalar
/// function DuckDB calls over the column, and counts what it took out for the manifest. The texts
/// stay inside DuckDB and the scrubber; nothing here logs them.
/// </summary>
internal sealed class FreeTextScrubbing
{
    private const string FunctionName = "lake_scrub_text";

    private FreeTextScrubbing()
    {
    }

    public RedactionCounts Counts { get; } = new();

    public static FreeTextScrubbing Register(LakeQuerySession session, TextScrubber scrubber)
    {
        var scrubbing = new FreeTextScrubbing();
        session.Connection.RegisterScalarFunction<string, string>(FunctionName, (readers, writer, rows) =>
        {
            for (ulong row = 0; row < rows; row++)
                writer.WriteValue(scrubber.Scrub(readers[0].GetValue<string>(row), scrubbing.Counts), row);
        });
        return scrubbing;
    }

    /// <summary>Scrubs every free-text column of the table the dataset delivers; each row is visited once, so counts are exact.</summary>
    public void Apply(LakeQuerySession session, string table, RegisterDefinition register, IEnumerable<RegisterColumn> delivered)
    {
        foreach (var column in delivered.Where(c => c.FreeText))
        {
            var name = SqlText.Identifier(column.Name);
            session.Execute($"UPDATE {SqlText.Identifier(table)} SET {name} = {FunctionName}({name}) WHERE {name} IS NOT NULL");
        }
    }
}
