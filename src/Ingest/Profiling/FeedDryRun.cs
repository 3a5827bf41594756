using Lake.Contracts.Files;
using Lake.Contracts.Yaml;
using System.Globalization;
using Lake.Contracts.Registers;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Mapping;
using Lake.Ingest.Quarantine;
using Lake.Pseudonymization;

namespace Lake.Ingest.Profiling;

/// <summary>
/// Ingests the first rows of a feed as <see cref="FeedIngestor"/> would (same readers, mapper,
/// identity validation and plausibility checks) but writes nothing: no Parquet, no quarantine, no
/// commit, and no key in the real key ring. What comes back is safe to print: identity codes are
/// masked wherever they might appear, and pseudonyms are not returned at all.
/// </summary>
/// <param name="time">"Today" for the check that no event lies in the future.</param>
public sealed class FeedDryRun(TimeProvider time)
{
    /// <summary>The lake's registers: the shipped ones and those of its register folders.</summary>
    public RegisterCatalog Registers { get; init; } = RegisterCatalog.Shipped;

    /// <summary>A crosswalk file to use instead of the one the descriptor names beside the feed.</summary>
    public string? CrosswalkPath { get; init; }

    public DryRunResult Run(SourceDescriptor descriptor, string feedPath, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        FeedFile.Require(feedPath);

        // The identity cache pseudonymizes as it validates; here it does so under keys of a ring
        // made for this run and deleted after it, so nothing it computes matches anything real.
        var keyFolder = Path.Combine(Path.GetTempPath(), "lake-dry-run-" + Guid.NewGuid().ToString("N"));
        try
        {
            var keyRing = KeyRing.OpenOrCreate(Path.Combine(keyFolder, "keyring.json"), time);
            return Run(descriptor, feedPath, rows, new Pseudonymizer(keyRing), keyRing.CurrentKeyId);
        }
        catch (DescriptorException e) when (descriptor.Origin is { } origin && File.Exists(origin))
        {
            throw new DescriptorException(WithLine(e.Message, origin));
        }
        finally
        {
            if (Directory.Exists(keyFolder))
                Directory.Delete(keyFolder, recursive: true);
        }
    }

    private DryRunResult Run(SourceDescriptor descriptor, string feedPath, int rows, Pseudonymizer pseudonymizer, int keyId)
    {
        using var pipeline = new FeedRowPipeline(descriptor, Registers.Get(descriptor.Register), feedPath, pseudonymizer, keyId, CrosswalkPath, time);
        var register = pipeline.Register;
        var mapped = Enumerable.Range(0, register.Columns.Count).Where(i => pipeline.Mapper.Converters[i] is not null).ToArray();
        var written = new List<DryRunRow>();
        var rejections = new List<DryRunRejection>();
        while (pipeline.RowsRead < rows && pipeline.Read(out var outcome))
        {
            switch (outcome.Verdict)
            {
                case RowVerdict.Rejected:
                    var rejection = outcome.Rejection!;
                    rejections.Add(new DryRunRejection(pipeline.Record.Line, rejection.Reason, rejection.Column, IdentityCodeMask.Apply(rejection.Message)));
                    break;
                case RowVerdict.Accepted:
                    written.Add(new DryRunRow(pipeline.Record.Line, mapped.Select(i => Show(register.Columns[i].Type, pipeline.Values[i])).ToList()));
                    break;
            }
        }

        var more = pipeline.RowsRead == rows && pipeline.HasAnotherRow();

        return new DryRunResult
        {
            IdentityColumn = descriptor.Identity,
            Columns = mapped.Select(i => register.Columns[i].Name).ToList(),
            Rows = written,
            Rejections = rejections,
            ExcludedByReason = pipeline.ExcludedByReason,
            WarningsByCheck = pipeline.WarningsByCheck,
            RowsRead = pipeline.RowsRead,
            MoreRows = more,
        };
    }

    private static string Show(ColumnType type, FieldValue value) => !value.HasValue ? "" : type switch
    {
        ColumnType.BigInt or ColumnType.Integer => value.Integer.ToString(CultureInfo.InvariantCulture),
        ColumnType.Double => value.Number.ToString(CultureInfo.InvariantCulture),
        ColumnType.Date => value.Time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ColumnType.Timestamp => value.Time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => IdentityCodeMask.Apply(value.Text ?? ""),
    };

    /// <summary>A descriptor problem found against the feed (a column the header lacks), with the line of its setting.</summary>
    private static string WithLine(string message, string origin)
    {
        var prefix = origin + ": ";
        var rest = message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
        return $"{origin}: {YamlLocator.Parse(File.ReadAllText(origin)).Locate(rest)}";
    }
}
