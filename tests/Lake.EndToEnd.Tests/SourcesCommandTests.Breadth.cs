using Lake.Contracts.Lake;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Profiling;
using Lake.Pseudonymization;
using Lake.Synthetic;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Onboarding at full breadth: <c>lake sources scan</c> on every synthetic feed of every source
/// system (delimited in three encodings, tab and semicolon, JSON Lines, fixed width, gzip, the
/// quality registries) proposes what the shipped descriptor of that system says.
/// </summary>
public sealed partial class SourcesCommandTests
{
    [Test]
    public async Task Scan_EverySyntheticFeed_ProposesWhatItsShippedDescriptorSays()
    {
        var folder = Path.Combine(_root, "synthetic");
        var truth = FeedGenerator.Write(folder, new SynthOptions { Patients = 400, Seed = 11 });
        var identityCodes = truth.People.Select(p => p.Hetu).ToHashSet();
        Assert.That(truth.Feeds, Has.Count.GreaterThan(100), "every system of the catalog and every quality registry");

        foreach (var feed in truth.Feeds)
        {
            var shipped = ShippedDescriptors[(feed.SourceSystem, feed.Register)];
            var draftPath = Path.Combine(folder, $"{Guid.NewGuid():N}.draft.yaml");
            var scan = await LakeConsole.RunAsync("sources", "scan", Path.Combine(folder, feed.FileName), "--out", draftPath);
            Assert.That(scan.ExitCode, Is.Zero, $"{feed.FileName}: {scan.Output}");
            var draft = SourceDescriptorLoader.Check(draftPath, out _);
            var name = $"{feed.FileName} against {Path.GetFileName(shipped.Origin)}";

            Assert.Multiple(() =>
            {
                Assert.That(draft.Format.Kind, Is.EqualTo(shipped.Format.Kind), name);
                if (shipped.Format.Kind == "delimited")
                    Assert.That(draft.Format.DelimiterChar, Is.EqualTo(shipped.Format.DelimiterChar), name);
                // A feed of plain ASCII reads the same in any of the three encodings.
                if (!scan.Output.Contains("plain ASCII", StringComparison.Ordinal))
                    Assert.That(draft.Format.ResolveEncoding().CodePage, Is.EqualTo(shipped.Format.ResolveEncoding().CodePage), name);
                if (shipped.Crosswalk is null && shipped.Format.Kind != "fixed_width")
                    Assert.That(draft.Identity, Is.EqualTo(shipped.Identity), name);
                if (shipped.Format.Kind == "fixed_width")
                    Assert.That(draft.Format.Fields.Single().Start, Is.EqualTo(shipped.Format.Fields.Single(f => f.Name == shipped.Identity).Start), name);

                var draftByFeedColumn = draft.Columns.Values.Where(m => m.From is not null).ToDictionary(m => m.From!);
                foreach (var (column, mapping) in shipped.Columns.Where(c => c.Value.Format is not null && c.Value.From is not null && draftByFeedColumn.ContainsKey(c.Value.From)))
                    Assert.That(draftByFeedColumn[mapping.From!].Format, Is.EqualTo(mapping.Format), $"{name}: {column}");

                Assert.That(identityCodes.Where(scan.Output.Contains), Is.Empty, name);
                Assert.That(identityCodes.Where(File.ReadAllText(draftPath).Contains), Is.Empty, name);
            });
        }
    }

    /// <summary>
    /// The dry run repeats ingest's row checks without writing; on a whole feed it must come to
    /// exactly ingest's counts, or <c>lake sources try</c> tells a data engineer something ingest
    /// will not do. Run on every synthetic feed, defects and exclusions included.
    /// </summary>
    [Test]
    public async Task Try_WholeSyntheticFeeds_CountsExactlyWhatIngestCommits()
    {
        var folder = Path.Combine(_root, "parity");
        var truth = FeedGenerator.Write(Path.Combine(folder, "feeds"), new SynthOptions { Patients = 300, Seed = 5, DefectRate = 0.05 });
        var keyRing = KeyRing.OpenOrCreate(Path.Combine(folder, "keys", "keyring.json"), TimeProvider.System);
        var ingestor = new FeedIngestor(new LakeLayout(Path.Combine(folder, "lake")), new Pseudonymizer(keyRing), keyRing, TimeProvider.System);

        foreach (var feed in truth.Feeds)
        {
            var descriptor = ShippedDescriptors[(feed.SourceSystem, feed.Register)];
            var path = Path.Combine(folder, "feeds", feed.FileName);
            var dryRun = new FeedDryRun(TimeProvider.System).Run(descriptor, path, int.MaxValue);
            var commit = (await ingestor.IngestAsync(descriptor, path)).Commit;

            Assert.Multiple(() =>
            {
                Assert.That(dryRun.RowsRead, Is.EqualTo(commit.RowsRead), feed.FileName);
                Assert.That(dryRun.Rows, Has.Count.EqualTo(commit.RowsWritten), feed.FileName);
                Assert.That(dryRun.Rejections.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => (long)g.Count()), Is.EquivalentTo(commit.QuarantinedByReason), feed.FileName);
                Assert.That(dryRun.ExcludedByReason, Is.EquivalentTo(commit.ExcludedByReason), feed.FileName);
                Assert.That(dryRun.WarningsByCheck, Is.EquivalentTo(commit.WarningsByCheck), feed.FileName);
            });
        }
    }

    /// <summary>
    /// The repository's descriptors by system and register, read once: reading the folder per feed
    /// would dominate the test. Apotti's FHIR descriptors (sources/fhir) fill the same registers as
    /// its CSV ones; the synthetic feeds are the CSV exports, so the top-level descriptors win, as
    /// they do when the command looks a feed's descriptor up (Ingestion.DescriptorFor).
    /// </summary>
    private static Dictionary<(string System, string Register), SourceDescriptor> ShippedDescriptors { get; } =
        Directory.EnumerateFiles(RepositoryPaths.Sources, "*.yaml", SearchOption.AllDirectories)
            .OrderBy(path => Path.GetRelativePath(RepositoryPaths.Sources, path).Count(c => c == Path.DirectorySeparatorChar))
            .ThenBy(path => path, StringComparer.Ordinal)
            .Select(path => SourceDescriptorLoader.Load(path))
            .GroupBy(d => (d.System, d.Register))
            .ToDictionary(g => g.Key, g => g.First());
}
