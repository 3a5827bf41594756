using System.Security.Cryptography;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Mapping;
using Lake.Ingest.Quarantine;
using Lake.Ingest.Writing;
using Lake.Pseudonymization;
using nietras.SeparatedValues;

namespace Lake.Ingest;

/// <summary>
/// Turns one source feed into one batch of its register: rows validated, identity codes replaced by
/// register pseudonyms, bad rows quarantined with line and reason, Parquet partitions by source and
/// year. The batch is invisible until its commit record is written, so a crash leaves the lake as it
/// was, and the same feed ingested again is recognised by its checksum and skipped.
/// </summary>
public sealed class FeedIngestor(LakeLayout layout, Pseudonymizer pseudonymizer, KeyRing keyRing)
{
    /// <summary>Rows per Parquet row group; large enough for good compression, small enough to bound memory per partition.</summary>
    public int RowGroupSize { get; init; } = 128 * 1024;

    public async Task<IngestResult> IngestAsync(SourceDescriptor descriptor, string feedPath, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(feedPath))
            throw new FeedException($"Feed '{feedPath}' does not exist.");

        var register = RegisterCatalog.Get(descriptor.Register);
        var commits = new CommitLog(layout);
        var feedSha256 = await Sha256Async(feedPath, cancellationToken);
        var sourceSlug = LakeLayout.SourceSlug(descriptor.System);
        var batchId = $"{sourceSlug}-{register.Name}-{feedSha256[..16]}";
        if (commits.IsCommitted(batchId))
            return new IngestResult(ReadCommit(batchId), AlreadyIngested: true, QuarantinePath: null);

        RemoveLeftoversOf(batchId, register.Name);

        var keyId = keyRing.CurrentKeyId;
        var feedName = Path.GetFileName(feedPath);
        var identities = new IdentityCache(pseudonymizer, register.Name, keyId);
        var partitions = new Dictionary<int, PartitionWriter>();
        var quarantinePath = layout.QuarantinePath(batchId);
        long rowsRead = 0, rowsWritten = 0;

        using var text = new StreamReader(feedPath, descriptor.Format.ResolveEncoding(), detectEncodingFromByteOrderMarks: true);
        using var reader = OpenReader(descriptor.Format, text, feedPath);
        if (reader.Header.IsEmpty)
            throw new FeedException($"Feed '{feedPath}' is empty: not even a header row.");
        var mapper = new RowMapper(descriptor, register, reader.Header.ColNames);
        var values = new FieldValue[register.Columns.Count];
        using var quarantine = new QuarantineWriter(quarantinePath, batchId, feedName, descriptor.Format.DelimiterChar);

        try
        {
            foreach (var row in reader)
            {
                rowsRead++;
                var line = row.LineNumberFrom;
                var rejection = Check(row, mapper, identities, out var identity);
                int? year = null;
                rejection ??= mapper.Map(row, identity!.Hetu!, values, out year);
                if (rejection is not null)
                {
                    quarantine.Add(line, rejection, row, mapper.IdentityIndex);
                    continue;
                }

                var partition = await PartitionFor(year, partitions, register, sourceSlug, batchId, cancellationToken);
                await partition.AppendAsync(identity!.Pseudonym, keyId, values, cancellationToken);
                rowsWritten++;
                if ((rowsRead & 0xFFFF) == 0)
                    progress?.Report(rowsRead);
            }

            var files = new List<BatchFile>();
            foreach (var (year, partition) in partitions.OrderBy(p => p.Key))
            {
                await partition.CompleteAsync(cancellationToken);
                files.Add(new BatchFile(Path.GetRelativePath(layout.Root, partition.Path), partition.Rows, year == NoYear ? null : year));
            }

            quarantine.Complete();
            progress?.Report(rowsRead);

            var commit = new BatchCommit
            {
                BatchId = batchId,
                SourceSystem = descriptor.System,
                Register = register.Name,
                FeedName = feedName,
                FeedSha256 = feedSha256,
                KeyId = keyId,
                Files = files,
                RowsRead = rowsRead,
                RowsWritten = rowsWritten,
                QuarantinedByReason = quarantine.CountsByReason,
                CommittedAt = DateTimeOffset.UtcNow,
            };
            commits.Commit(commit);
            return new IngestResult(commit, AlreadyIngested: false, QuarantinePath: commit.RowsQuarantined > 0 ? quarantinePath : null);
        }
        finally
        {
            foreach (var partition in partitions.Values)
                await partition.DisposeAsync();
        }
    }

    private const int NoYear = int.MinValue;

    private static Rejection? Check(SepReader.Row row, RowMapper mapper, IdentityCache identities, out IdentityCache.Entry? identity)
    {
        identity = null;
        if (row.ColCount != mapper.FeedColumnCount)
        {
            return new Rejection(RejectionReasons.WrongFieldCount, null,
                $"the row has {row.ColCount} fields, the header {mapper.FeedColumnCount}: a truncated line or an unbalanced quote");
        }

        identity = identities.Resolve(row[mapper.IdentityIndex].Span);
        return identity.Hetu is null
            ? new Rejection(RejectionReasons.InvalidIdentity, "identity", identity.Error.Describe())
            : null;
    }

    private async ValueTask<PartitionWriter> PartitionFor(int? year, Dictionary<int, PartitionWriter> partitions, RegisterDefinition register, string sourceSlug, string batchId, CancellationToken cancellationToken)
    {
        var key = year ?? NoYear;
        if (!partitions.TryGetValue(key, out var partition))
        {
            var folder = Path.Combine(layout.Root, LakeLayout.PartitionPath(register.Name, sourceSlug, year));
            partition = await PartitionWriter.CreateAsync(Path.Combine(folder, PartFileName(batchId)), register, RowGroupSize, cancellationToken);
            partitions[key] = partition;
        }

        return partition;
    }

    private static string PartFileName(string batchId) => $"part-{batchId}.parquet";

    /// <summary>An earlier attempt at this batch that crashed before committing left files nobody reads; clear them before writing again.</summary>
    private void RemoveLeftoversOf(string batchId, string register)
    {
        var folder = layout.RegisterFolder(register);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, PartFileName(batchId), SearchOption.AllDirectories))
                File.Delete(file);
        }

        if (File.Exists(layout.QuarantinePath(batchId)))
            File.Delete(layout.QuarantinePath(batchId));
    }

    private static SepReader OpenReader(FeedFormat format, TextReader text, string feedPath)
    {
        try
        {
            return Sep.New(format.DelimiterChar)
                .Reader(o => o with { HasHeader = format.Header, DisableColCountCheck = true, Unescape = true })
                .From(text);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new FeedException($"Feed '{feedPath}' cannot be read as delimited text: {e.Message}");
        }
    }

    private BatchCommit ReadCommit(string batchId) =>
        new CommitLog(layout).ReadAll().Single(c => c.BatchId == batchId);

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
