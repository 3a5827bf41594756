using System.Globalization;
using System.Security.Cryptography;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;
using Lake.Extract.Querying;
using Lake.Extract.Tests.Querying;
using Lake.Pseudonymization;

namespace Lake.Extract.Tests.Integrity;

/// <summary>
/// A disk that lies: bytes of committed partitions flipped in place (the modification time put back,
/// as bit rot leaves it) in the pseudonym, text, numeric and footer regions, or a file cut short or
/// gone. No count is ever computed from such a file: the study fails naming the file, its batch and
/// register, and the batch is marked suspect; with the file restored the counts are those of before.
/// </summary>
[NonParallelizable]
public sealed class DamagedFileTests
{
    private static readonly string[] Registers = [RegisterNames.Diagnosis, "laboratory"];

    /// <summary>Where the 100 flipped bytes start, as a share of the file's length; 1.0 is the footer's last 100 bytes.</summary>
    private static readonly double[] Offsets = [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9, 0.97, 1.0];

    private CohortLake _lake = null!;
    private Dictionary<string, long> _counts = null!;
    private readonly Dictionary<string, byte[]> _originals = new(StringComparer.Ordinal);

    [OneTimeSetUp]
    public async Task BuildLake()
    {
        _lake = new CohortLake();
        var persons = Enumerable.Range(0, 300).Select(i => Hetu.Create(new DateOnly(1940 + (i % 60), 1 + (i % 12), 1 + (i % 28)), 100 + i).Value).ToList();
        await _lake.IngestAsync(RegisterNames.Diagnosis, ["code", "recorded_at"],
            [.. persons.SelectMany((h, i) => Enumerable.Range(0, 4).Select(k => $"{h},{(k % 2 == 0 ? "E11.9" : "I10")},{2016 + ((i + k) % 5)}-03-0{1 + k}T10:00:00"))]);
        await _lake.IngestAsync("laboratory", ["sample_time", "test_code", "result_value", "result_unit"],
            [.. persons.SelectMany((h, i) => Enumerable.Range(0, 6).Select(k => $"{h},{2016 + ((i + k) % 5)}-05-1{k}T08:00:00,{2095 + k},{(40 + ((i * 7 + k) % 50)).ToString(CultureInfo.InvariantCulture)}.5,mmol/mol"))]);
        _counts = Count();
    }

    [OneTimeTearDown]
    public void RemoveLake() => _lake.Dispose();

    [TearDown]
    public void RestoreFiles()
    {
        foreach (var (path, bytes) in _originals)
        {
            var modified = File.GetLastWriteTimeUtc(path);
            File.WriteAllBytes(path, bytes);
            File.SetLastWriteTimeUtc(path, modified);
        }

        _originals.Clear();
        LakeFileCheck.Forget();
        foreach (var suspect in new SuspectBatches(_lake.Layout).All())
            new SuspectBatches(_lake.Layout).Clear(suspect.BatchId);
    }

    [Test]
    public void CommitRecord_ListsEachFilesSizeAndChecksumAsWritten()
    {
        var files = new CommitLog(_lake.Layout).ReadAll().SelectMany(b => b.Files).ToList();

        Assert.That(files, Has.Count.GreaterThanOrEqualTo(10), "five years of two registers");
        foreach (var file in files)
        {
            var path = Path.Combine(_lake.Layout.Root, file.Path);
            Assert.That(file.Bytes, Is.EqualTo(new FileInfo(path).Length), file.Path);
            Assert.That(file.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))), file.Path);
        }
    }

    [Test]
    [Combinatorial]
    public void FlippedBytes_FailTheStudyNamingTheFile_NeverChangeACount([ValueSource(nameof(Registers))] string register, [ValueSource(nameof(Offsets))] double offset)
    {
        var (batch, file) = LargestFile(register);
        var path = Path.Combine(_lake.Layout.Root, file.Path);
        var bytes = Keep(path);
        var start = (int)Math.Min(bytes.Length - 100, Math.Round(bytes.Length * offset));
        var damaged = (byte[])bytes.Clone();
        for (var i = start; i < start + 100; i++)
            damaged[i] ^= 0x5A;
        WriteInPlace(path, damaged);

        var failure = Assert.Throws<DamagedLakeFileException>(() => Count());

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain(file.Path).And.Contain(batch.BatchId).And.Contain(register));
            Assert.That(failure.Message, Does.Contain("lake verify"), "the message says what to do next");
            Assert.That(new SuspectBatches(_lake.Layout).All().Select(s => s.BatchId), Is.EqualTo(new[] { batch.BatchId }));
        });
    }

    [Test]
    public void TruncatedFile_FailsTheStudySayingItIsShort()
    {
        var (_, file) = LargestFile("laboratory");
        var path = Path.Combine(_lake.Layout.Root, file.Path);
        var bytes = Keep(path);
        WriteInPlace(path, bytes[..(bytes.Length / 2)]);

        var failure = Assert.Throws<DamagedLakeFileException>(() => Count());

        Assert.That(failure!.Message, Does.Contain(file.Path).And.Contain("truncated"));
    }

    [Test]
    public void MissingFile_FailsTheStudyNamingIt()
    {
        var (_, file) = LargestFile(RegisterNames.Diagnosis);
        var path = Path.Combine(_lake.Layout.Root, file.Path);
        Keep(path);
        File.Delete(path);

        var failure = Assert.Throws<DamagedLakeFileException>(() => Count());

        Assert.That(failure!.Message, Does.Contain(file.Path).And.Contain("missing"));
    }

    [Test]
    public void RestoredFile_CountsAsBefore()
    {
        var (_, file) = LargestFile("laboratory");
        var path = Path.Combine(_lake.Layout.Root, file.Path);
        var bytes = Keep(path);
        var damaged = (byte[])bytes.Clone();
        damaged[bytes.Length / 3] ^= 0x01;
        WriteInPlace(path, damaged);
        Assert.Throws<DamagedLakeFileException>(() => Count());

        WriteInPlace(path, bytes);
        LakeFileCheck.Forget();

        Assert.That(Count(), Is.EqualTo(_counts));
    }

    [Test]
    public void Scrub_ReportsEveryDamagedFileAndClearsARestoredBatch()
    {
        var damagedFiles = Registers.Select(LargestFile).ToList();
        foreach (var (_, file) in damagedFiles)
        {
            var path = Path.Combine(_lake.Layout.Root, file.Path);
            var bytes = Keep(path);
            var damaged = (byte[])bytes.Clone();
            damaged[bytes.Length / 2] ^= 0xFF;
            WriteInPlace(path, damaged);
        }

        var batches = new CommitLog(_lake.Layout).ReadAll();
        var found = LakeFileCheck.Scrub(_lake.Layout, batches);
        var suspects = new SuspectBatches(_lake.Layout).All().Select(s => s.BatchId).ToList();
        RestoreFiles();
        new SuspectBatches(_lake.Layout).Mark(damagedFiles[0].Batch.BatchId, "found earlier");
        var afterRestore = LakeFileCheck.Scrub(_lake.Layout, batches);

        Assert.Multiple(() =>
        {
            Assert.That(found.Select(d => d.Path), Is.EquivalentTo(damagedFiles.Select(d => d.File.Path)));
            Assert.That(suspects, Is.EquivalentTo(damagedFiles.Select(d => d.Batch.BatchId)));
            Assert.That(afterRestore, Is.Empty);
            Assert.That(new SuspectBatches(_lake.Layout).All(), Is.Empty, "a batch whose files check out again is no longer suspect");
        });
    }

    /// <summary>The preliminary study's true counts: cohort and rows of both registers.</summary>
    private Dictionary<string, long> Count()
    {
        using var session = _lake.Open();
        var counting = new PreliminaryCounting(session, _lake.Pseudonymizer, new DisclosureControl());
        var specification = new StudySpecification
        {
            Cohort = new CohortCriteria { Icd10 = ["E11"] },
            Datasets = [.. Registers.Select(r => new DatasetRequest { Register = r })],
        };
        return counting.Count(specification, counting.SelectCohort(specification)).TrueCounts.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
    }

    private (BatchCommit Batch, BatchFile File) LargestFile(string register) =>
        new CommitLog(_lake.Layout).ReadAll().Where(b => b.Register == register)
            .SelectMany(b => b.Files.Select(f => (Batch: b, File: f))).MaxBy(x => x.File.Bytes);

    private byte[] Keep(string path)
    {
        var bytes = File.ReadAllBytes(path);
        _originals.TryAdd(path, bytes);
        return bytes;
    }

    /// <summary>Rewrites the file with its modification time put back, as a lying disk would leave it.</summary>
    private static void WriteInPlace(string path, byte[] bytes)
    {
        var modified = File.GetLastWriteTimeUtc(path);
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, modified);
    }
}
