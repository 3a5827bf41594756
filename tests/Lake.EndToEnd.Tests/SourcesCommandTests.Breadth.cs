using Lake.Cli;
using Lake.Ingest.Descriptors;
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
            var shipped = SourceDescriptorLoader.Load(Ingestion.DescriptorFor(RepositoryPaths.Sources, feed.SourceSystem, feed.Register));
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
}
