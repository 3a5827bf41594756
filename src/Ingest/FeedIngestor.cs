using Lake.Contracts.Files;
using System.Security.Cryptography;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Fhir;
using Lake.Ingest.Quarantine;
using Lake.Ingest.Writing;
using Lake.Pseudonymization;

namespace Lake.Ingest;

/// <summary>
/// Turns one source feed into one batch of its register: rows validated, identity codes replaced by
/// register pseudonyms, bad rows quarantined with line and reason, Parquet partitions by source and
/// year. The batch is invisible until its commit record is written, so a crash leaves the lake as it
/// was, and the same feed ingested again is recognised by its checksum and skipped, unless it is a
/// FHIR feed whose quarantined rows refer to Patients ingested since: then it is read again, whole,
/// into a batch that supersedes the earlier one (docs/fhir-bulk.md).
/// </summary>
/// <param name="time">"Today" for the check that no event lies in the future, and the commit's time.</param>
public sealed class FeedIngestor(LakeLayout layout, Pseudonymizer pseudonymizer, IKeyStore keys, TimeProvider time)
{
    private const int NoYear = int.MinValue;

    /// <summary>
    /// Rows per Parquet row group. A feed spread over 26 year partitions holds up to two row groups
    /// per partition in memory; 32k rows halves peak memory against 128k (0.72 GB against 1.31 GB on
    /// 10M laboratory rows) and was 8 % faster, at the same file size (bench/README.md).
    /// </summary>
    public int RowGroupSize { get; init; } = 32 * 1024;

    /// <summary>The lake's registers: the shipped ones and those of its register folders.</summary>
    public RegisterCatalog Registers { get; init; } = RegisterCatalog.Shipped;

    /// <summary>A crosswalk file to use instead of the one the descriptor names beside the feed.</summary>
    public string? CrosswalkPath { get; init; }

    public async Task<IngestResult> IngestAsync(SourceDescriptor descriptor, string feedPath, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        FeedFile.Require(feedPath);

        if (!Registers.TryGet(descriptor.Register, out var register))
            throw new FeedException($"{descriptor.Origin ?? "The descriptor"} names register '{descriptor.Register}', which is not a register of the lake; 'lake registers' lists them.");
        // Before any row: a register file edited in a way the lake's earlier batches forbid stops here.
        WithRegisterVersions(versions => versions.Check(register));
        var commits = new CommitLog(layout);
        var sourceSlug = LakeLayout.SourceSlug(descriptor.System);
        using var fhir = FhirIngestState.Open(layout, keys, descriptor);
        using var stopHashing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The feed's checksum names the batch. Hashing a whole feed before reading it took 6 % of
        // ingest's time, so it runs beside the first rows instead: files and quarantine are created
        // only once it is known, the batch is locked and an earlier attempt's leftovers are gone.
        var batch = Task.Run(() => StartBatchAsync(feedPath, register.Name, sourceSlug, commits, fhir, stopHashing.Token), stopHashing.Token);

        using var rows = await OpenRowsAsync(descriptor, feedPath, batch, fhir);
        if (rows is null)
            return new IngestResult((await batch).Existing!, AlreadyIngested: true, QuarantinePath: null);

        var keyId = keys.CurrentKeyId;
        var partitions = new Dictionary<int, PartitionWriter>();
        var writes = new BackgroundWrites(MayWriteAsync(batch));
        var buffers = new RowGroupBuffers(register, RowGroupSize);
        var writesDone = false;
        var committed = false;
        QuarantineWriter? quarantine = null;
        var content = new ContentDigest();
        long rowsWritten = 0;

        try
        {
            while (rows.Read(out var outcome))
            {
                if ((rows.RowsRead & 0xFFFF) == 0)
                {
                    progress?.Report(rows.RowsRead);
                    if (batch.IsCompletedSuccessfully && batch.Result.Existing is not null)
                        break;
                }

                switch (outcome.Verdict)
                {
                    case RowVerdict.Rejected:
                        if (await batch is { Existing: null } started)
                        {
                            quarantine ??= new QuarantineWriter(layout.Root, layout.QuarantinePath(started.BatchId), started.BatchId, Path.GetFileName(feedPath), rows.DisplayDelimiter);
                            quarantine.Add(rows.Record, outcome.Rejection!, rows.Mapper.IdentityIndex);
                        }

                        break;
                    case RowVerdict.Accepted:
                        var partition = PartitionFor(outcome.Year, partitions, register, sourceSlug, batch, writes, buffers);
                        await partition.AppendAsync(outcome.Pseudonym, keyId, rows.Values, cancellationToken);
                        content.Add(outcome.Pseudonym, keyId, rows.Values);
                        rowsWritten++;
                        break;
                }
            }

            var (batchId, feedSha256, earlier, _, supersedes) = await batch;
            if (earlier is not null)
                return new IngestResult(earlier, AlreadyIngested: true, QuarantinePath: null);

            // The same rows sent again in another file: nothing is committed, the parts are removed.
            var contentDigest = content.Finish();
            if (rowsWritten > 0 && SameRowsIn(commits, descriptor.System, register.Name, contentDigest) is { } same)
                return new IngestResult(same, AlreadyIngested: true, QuarantinePath: null, SameRows: true);

            foreach (var partition in partitions.Values)
                await partition.CompleteAsync(cancellationToken);
            writesDone = true;
            await writes.CompleteAsync();
            var files = partitions.OrderBy(p => p.Key)
                .Select(p => new BatchFile(Path.GetRelativePath(layout.Root, p.Value.Path), p.Value.Rows, p.Key == NoYear ? null : p.Key, p.Value.Bytes, p.Value.Sha256))
                .ToList();

            quarantine?.Complete();
            progress?.Report(rows.RowsRead);

            var commit = new BatchCommit
            {
                BatchId = batchId,
                SourceSystem = descriptor.System,
                Register = register.Name,
                FeedName = Path.GetFileName(feedPath),
                FeedSha256 = feedSha256,
                RegisterVersion = register.Version,
                KeyId = keyId,
                Files = files,
                RowsRead = rows.RowsRead,
                RowsWritten = rowsWritten,
                QuarantinedByReason = quarantine?.CountsByReason ?? new Dictionary<string, long>(StringComparer.Ordinal),
                ExcludedByReason = rows.ExcludedByReason,
                WarningsByCheck = rows.WarningsByCheck,
                CommittedAt = time.GetUtcNow(),
                Supersedes = supersedes,
                ContentDigest = contentDigest,
            };
            WithRegisterVersions(versions => versions.Record(register));
            fhir?.SaveBeforeCommit();
            commits.Commit(commit);
            committed = true;
            return new IngestResult(commit, AlreadyIngested: false, QuarantinePath: commit.RowsQuarantined > 0 ? layout.QuarantinePath(batchId) : null);
        }
        finally
        {
            if (!writesDone)
            {
                // Stop the background writes before closing their files under them; their own failure,
                // if any, is already on its way out of the try block.
                await stopHashing.CancelAsync();
                try
                {
                    await writes.CompleteAsync();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                }
            }

            foreach (var partition in partitions.Values)
                await partition.DisposeAsync();
            quarantine?.Dispose();
            if (!committed)
                await RemoveUncommittedAsync(batch, register.Name);
            await ReleaseAsync(batch);
        }
    }

    /// <summary>The row pipeline over the feed, or null when the feed cannot be read as its descriptor says but was ingested before.</summary>
    private async Task<FeedRowPipeline?> OpenRowsAsync(SourceDescriptor descriptor, string feedPath, Task<BatchStart> batch, FhirIngestState? fhir)
    {
        try
        {
            return new FeedRowPipeline(descriptor, Registers.Get(descriptor.Register), feedPath, pseudonymizer, keys.CurrentKeyId, CrosswalkPath, time, fhir?.Patients);
        }
        catch
        {
            // A feed ingested before stays ingested, even if its descriptor has since changed under it.
            if (await ReleaseAsync(batch) is not null)
                return null;
            throw;
        }
    }

    private static async Task<bool> MayWriteAsync(Task<BatchStart> batch) => (await batch).Existing is null;

    /// <summary>Releases the batch's lock once its files are closed, whether it committed or not; returns the commit of an earlier ingest of the feed.</summary>
    private static async Task<BatchCommit?> ReleaseAsync(Task<BatchStart> batch)
    {
        try
        {
            var started = await batch;
            started.Lock?.Dispose();
            return started.Existing;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The batch never started (hashing failed or was stopped); that failure is already on its way out.
            return null;
        }
    }

    /// <summary>
    /// Removes what a failed attempt wrote (part files, its quarantine) while it still holds the
    /// batch's lock, so a feed refused half-way (invalid bytes, a planted link) leaves nothing in the
    /// lake, even if it never comes again under the same checksum. A crash leaves them to the next attempt.
    /// </summary>
    private async Task RemoveUncommittedAsync(Task<BatchStart> batch, string register)
    {
        try
        {
            if (await batch is { Existing: null, Lock: not null } started)
                RemoveLeftoversOf(started.BatchId, register);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The batch never started, or a leftover is refused (a link); the failure that got here is on its way out.
        }
    }

    /// <summary>
    /// Hashes the feed into its batch id; unless that batch is committed, locks it and clears an
    /// earlier attempt's leftovers. A committed FHIR feed whose waiting rows would now resolve gets
    /// the next batch of its feed instead, <c>&lt;first batch&gt;-r2</c>, <c>-r3</c>, ...
    /// </summary>
    private async Task<BatchStart> StartBatchAsync(string feedPath, string register, string sourceSlug, CommitLog commits, FhirIngestState? fhir, CancellationToken cancellationToken)
    {
        var feedSha256 = await Sha256Async(feedPath, cancellationToken);
        var firstId = $"{sourceSlug}-{register}-{feedSha256[..16]}";
        var batchId = firstId;
        string? supersedes = null;
        if (commits.IsCommitted(firstId))
        {
            var (latest, attempt) = LatestBatchOfFeed(commits, firstId);
            if (fhir is null || !fhir.HasWaitingRowsThatResolve(layout, latest, feedPath))
                return new BatchStart(latest.BatchId, feedSha256, latest, null, null);
            batchId = $"{firstId}-r{attempt + 1}";
            supersedes = latest.BatchId;
        }

        var batchLock = BatchLock.Acquire(layout, batchId);
        if (commits.IsCommitted(batchId))
        {
            batchLock.Dispose();
            return new BatchStart(batchId, feedSha256, commits.Read(batchId), null, null); // Another process finished it while we waited.
        }

        try
        {
            RemoveLeftoversOf(batchId, register);
        }
        catch
        {
            // A leftover Lake refuses to touch (a planted link) fails the batch; a worker goes on to the next feed without the lock.
            batchLock.Dispose();
            throw;
        }

        return new BatchStart(batchId, feedSha256, null, batchLock, supersedes);
    }

    /// <summary>A committed, not superseded batch of the same source and register whose rows have this digest.</summary>
    private static BatchCommit? SameRowsIn(CommitLog commits, string system, string register, string contentDigest)
    {
        var all = commits.ReadAll();
        var superseded = all.Select(b => b.Supersedes).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return all.FirstOrDefault(b => b.ContentDigest == contentDigest && b.Register == register && b.SourceSystem == system && !superseded.Contains(b.BatchId));
    }

    /// <summary>The last committed batch of a feed and its number: the first is 1, the one superseding it 2 (<c>-r2</c>), ...</summary>
    private static (BatchCommit Latest, int Attempt) LatestBatchOfFeed(CommitLog commits, string firstId)
    {
        var attempt = 1;
        while (commits.IsCommitted($"{firstId}-r{attempt + 1}"))
            attempt++;
        return (commits.Read(attempt == 1 ? firstId : $"{firstId}-r{attempt}"), attempt);
    }

    private PartitionWriter PartitionFor(int? year, Dictionary<int, PartitionWriter> partitions, RegisterDefinition register, string sourceSlug, Task<BatchStart> batch, BackgroundWrites writes, RowGroupBuffers buffers)
    {
        year = register.PartitionByYear ? year : null;
        var key = year ?? NoYear;
        if (!partitions.TryGetValue(key, out var partition))
        {
            var folder = Path.Combine(layout.Root, LakeLayout.PartitionPath(register.Name, sourceSlug, year));
            // Asked for by the first write, which waits for the batch to start.
            partition = new PartitionWriter(layout.Root, () => Path.Combine(folder, PartFileName(batch.Result.BatchId)), register, writes, buffers);
            partitions[key] = partition;
        }

        return partition;
    }

    private void WithRegisterVersions(Action<RegisterVersions> use)
    {
        try
        {
            use(new RegisterVersions(layout));
        }
        catch (RegisterFileException e)
        {
            throw new FeedException(e.Message);
        }
    }

    private static string PartFileName(string batchId) => $"part-{batchId}.parquet";

    /// <summary>
    /// An earlier attempt at this batch that crashed before committing left files nobody reads; clear
    /// them before writing again. A leftover that is a link is refused, not deleted: Lake made none.
    /// </summary>
    private void RemoveLeftoversOf(string batchId, string register)
    {
        var folder = ContainedPath.Under(layout.Root, layout.RegisterFolder(register));
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, PartFileName(batchId), SearchOption.AllDirectories))
                ContainedFiles.Delete(layout.Root, file);
        }

        ContainedFiles.Delete(layout.Root, layout.QuarantinePath(batchId));
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>
    /// The batch a feed makes: its id and checksum, and either the commit of an earlier ingest of it or
    /// the lock held while ingesting it now, with the earlier batch of the feed it supersedes, if any.
    /// </summary>
    private sealed record BatchStart(string BatchId, string FeedSha256, BatchCommit? Existing, BatchLock? Lock, string? Supersedes);
}
