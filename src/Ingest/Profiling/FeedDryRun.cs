using System.Globalization;
using Lake.Contracts.Registers;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Mapping;
using Lake.Ingest.Quarantine;
using Lake.Ingest.Reading;
using Lake.Pseudonymization;

namespace Lake.Ingest.Profiling;

/// <summary>
/// Ingests the first rows of a feed as <see cref="FeedIngestor"/> would (same readers, mapper,
/// identity validation and plausibility checks) but writes nothing: no Parquet, no quarantine, no
/// commit, and no key in the real key ring. What comes back is safe to print: identity codes are
/// masked wherever they might appear, and pseudonyms are not returned at all.
/// </summary>
public sealed class FeedDryRun
{
    /// <summary>"Today" for the check that no event lies in the future.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>A crosswalk file to use instead of the one the descriptor names beside the feed.</summary>
    public string? CrosswalkPath { get; init; }

    public DryRunResult Run(SourceDescriptor descriptor, string feedPath, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        if (!File.Exists(feedPath))
            throw new FeedException($"Feed '{feedPath}' does not exist.");

        // The identity cache pseudonymizes as it validates; here it does so under keys of a ring
        // made for this run and deleted after it, so nothing it computes matches anything real.
        var keyFolder = Path.Combine(Path.GetTempPath(), "lake-dry-run-" + Guid.NewGuid().ToString("N"));
        try
        {
            var keyRing = KeyRing.OpenOrCreate(Path.Combine(keyFolder, "keyring.json"));
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
        var register = RegisterCatalog.Get(descriptor.Register);
        var crosswalk = descriptor.Crosswalk is null ? null : Crosswalk.Load(descriptor.Crosswalk, feedPath, CrosswalkPath);
        using var reader = FeedReaders.Open(descriptor.Format, feedPath);
        if (reader.ColumnNames.Count == 0)
            throw new FeedException($"Feed '{feedPath}' is empty: not even a header row.");

        var lookups = descriptor.Lookups.Select(l => LookupTable.Load(l, feedPath, reader.ColumnNames, descriptor.Format.ResolveEncoding())).ToList();
        var mapper = new RowMapper(descriptor, register, [.. reader.ColumnNames, .. lookups.SelectMany(l => l.ColumnNames)]) { FeedColumnCount = reader.ColumnNames.Count };
        var checks = new PlausibilityChecks(register, Time.GetLocalNow().DateTime);
        var identities = new IdentityCache(pseudonymizer, register.Name, keyId);
        var mapped = Enumerable.Range(0, register.Columns.Count).Where(i => mapper.Converters[i] is not null).ToArray();
        var values = new FieldValue[register.Columns.Count];
        var record = new FeedRecord();
        var written = new List<DryRunRow>();
        var rejections = new List<DryRunRejection>();
        var excluded = new Dictionary<string, long>(StringComparer.Ordinal);
        var warnings = new Dictionary<string, long>(StringComparer.Ordinal);
        long read = 0;
        var more = false;

        while (reader.Read(record))
        {
            if (read == rows)
            {
                more = true;
                break;
            }

            read++;
            var complete = record.Problem is null && record.Count == mapper.FeedColumnCount;
            if (complete)
            {
                foreach (var lookup in lookups)
                    lookup.AppendTo(record);
            }

            var exclusion = complete ? mapper.ExclusionOf(record) : null;
            if (exclusion is not null)
            {
                excluded[exclusion] = excluded.GetValueOrDefault(exclusion) + 1;
                continue;
            }

            var rejection = Check(record, mapper, crosswalk, identities, out var hetu, out var shiftDays);
            rejection ??= mapper.Map(record, hetu!, values, shiftDays, out _);
            rejection ??= checks.Fatal(values, hetu!);
            if (rejection is not null)
            {
                rejections.Add(new DryRunRejection(record.Line, rejection.Reason, rejection.Column, IdentityCodeMask.Apply(rejection.Message)));
                continue;
            }

            checks.CountWarnings(values, warnings);
            written.Add(new DryRunRow(record.Line, mapped.Select(i => Show(register.Columns[i].Type, values[i])).ToList()));
        }

        // As ingest counts them: identity codes written inside text were masked, the row kept.
        var masked = mapper.Converters.Sum(c => c?.IdentityCodesMasked ?? 0);
        if (masked > 0)
            warnings[WarningChecks.IdentityCodeInText] = masked;

        return new DryRunResult
        {
            IdentityColumn = descriptor.Identity,
            Columns = mapped.Select(i => register.Columns[i].Name).ToList(),
            Rows = written,
            Rejections = rejections,
            ExcludedByReason = excluded,
            WarningsByCheck = warnings,
            RowsRead = read,
            MoreRows = more,
        };
    }

    /// <summary>The checks <see cref="FeedIngestor"/> makes before mapping: the row's shape, then its identity code.</summary>
    private static Rejection? Check(FeedRecord record, RowMapper mapper, Crosswalk? crosswalk, IdentityCache identities, out Hetu? hetu, out int shiftDays)
    {
        hetu = null;
        shiftDays = 0;
        if (record.Problem is not null)
            return new Rejection(RejectionReasons.UnreadableRecord, null, record.Problem);
        if (record.Count != mapper.FeedColumnCount + mapper.LookupColumnCount)
        {
            return new Rejection(RejectionReasons.WrongFieldCount, null,
                $"the row has {record.Count} fields, the header {mapper.FeedColumnCount}: a truncated line or an unbalanced quote");
        }

        var code = record[mapper.IdentityIndex];
        if (crosswalk is not null)
        {
            if (!crosswalk.TryResolve(code, out var mappedCode, out shiftDays))
                return new Rejection(RejectionReasons.UnknownLocalId, "identity", "the local patient number is not in the crosswalk");
            code = mappedCode;
        }

        var identity = identities.Resolve(code);
        hetu = identity.Hetu;
        return hetu is null ? new Rejection(RejectionReasons.InvalidIdentity, "identity", identity.Error.Describe()) : null;
    }

    private static string Show(ColumnType type, FieldValue value) => !value.HasValue ? "" : type switch
    {
        ColumnType.Integer => value.Integer.ToString(CultureInfo.InvariantCulture),
        ColumnType.Decimal => value.Number.ToString(CultureInfo.InvariantCulture),
        ColumnType.Date => value.Time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ColumnType.Timestamp => value.Time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => IdentityCodeMask.Apply(value.Text ?? ""),
    };

    /// <summary>A descriptor problem found against the feed (a column the header lacks), with the line of its setting.</summary>
    private static string WithLine(string message, string origin)
    {
        var prefix = origin + ": ";
        var rest = message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
        return $"{origin}: {DescriptorLocator.Parse(File.ReadAllText(origin)).Locate(rest)}";
    }
}
