using Lake.Contracts.Lake;
using Lake.Contracts.Registers;

namespace Lake.Extract.Querying;

/// <summary>
/// The committed state of the lake at one moment: which batches, hence which files, each register
/// has. Queries read exactly these files, so a batch being written meanwhile is never half seen,
/// and a manifest can cite the batches an extraction read. The registers are read with the
/// definitions of <see cref="Registers"/>: the current ones, or for a replay those the original read with.
/// </summary>
public sealed class LakeSnapshot
{
    private LakeSnapshot(LakeLayout layout, IReadOnlyList<BatchCommit> batches, RegisterCatalog registers)
    {
        Layout = layout;
        Batches = batches;
        Registers = registers;
    }

    public LakeLayout Layout { get; }

    public IReadOnlyList<BatchCommit> Batches { get; }

    public RegisterCatalog Registers { get; }

    /// <summary>The lake as it is now: every committed batch but those a later batch of the same feed supersedes.</summary>
    public static LakeSnapshot Take(LakeLayout layout, RegisterCatalog registers)
    {
        var all = new CommitLog(layout).ReadAll();
        var superseded = all.Select(b => b.Supersedes).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new(layout, superseded.Count == 0 ? all : all.Where(b => !superseded.Contains(b.BatchId)).ToList(), registers);
    }

    /// <summary>
    /// The lake as an earlier extraction saw it: only the batches it read, all of which must still be
    /// there, and its registers at the versions it read them with (kept by <see cref="RegisterVersions"/>).
    /// </summary>
    public static LakeSnapshot Of(LakeLayout layout, IReadOnlyCollection<string> batchIds, RegisterCatalog registers, IReadOnlyDictionary<string, int>? registerVersions = null)
    {
        if (registerVersions is { Count: > 0 })
        {
            var versions = new RegisterVersions(layout);
            registers = registers.With(registerVersions.Select(v => versions.Get(v.Key, v.Value)));
        }

        var all = new CommitLog(layout).ReadAll();
        var missing = batchIds.Except(all.Select(b => b.BatchId)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"The lake no longer has batch(es) {string.Join(", ", missing)}; the extraction cannot be replayed exactly.");
        return new LakeSnapshot(layout, all.Where(b => batchIds.Contains(b.BatchId)).ToList(), registers);
    }

    public IEnumerable<BatchCommit> BatchesOf(string register) => Batches.Where(b => b.Register == register);

    public bool HasData(string register) => BatchesOf(register).Any(b => b.Files.Count > 0);

    public IReadOnlyList<string> FilesOf(string register) =>
        BatchesOf(register).SelectMany(b => b.Files).Select(f => Path.Combine(Layout.Root, f.Path)).ToList();

    /// <summary>Key generations that pseudonymized this register's rows; mapping needs each of them.</summary>
    public IReadOnlyList<int> KeyIdsOf(string register) => BatchesOf(register).Select(b => b.KeyId).Distinct().Order().ToList();
}
