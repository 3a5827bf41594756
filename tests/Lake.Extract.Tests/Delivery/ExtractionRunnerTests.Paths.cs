using Lake.Contracts.Files;
using Lake.Contracts.Lake;
using Lake.Extract.Delivery;

namespace Lake.Extract.Tests.Delivery;

/// <summary>Links planted in the delivery area are refused, never followed; removal deletes what the manifest lists.</summary>
public sealed partial class ExtractionRunnerTests
{
    [Test]
    public void Run_StudyFolderIsAPlantedLink_IsRefusedAndNothingIsWrittenWhereItPoints()
    {
        var elsewhere = _folder.File("elsewhere");
        Directory.CreateDirectory(elsewhere);
        Directory.CreateDirectory(_folder.File(DeliveryArea.FolderName));
        File.CreateSymbolicLink(_folder.File(Path.Combine(DeliveryArea.FolderName, "S1")), elsewhere);

        Assert.Multiple(() =>
        {
            Assert.That(() => Extract(), Throws.TypeOf<RefusedPathException>().With.Message.Contains("is a symbolic link, which Lake did not make"));
            Assert.That(Directory.EnumerateFileSystemEntries(elsewhere), Is.Empty);
        });
    }

    [Test]
    public void Remove_DeliveryWithAPlantedLinkAndFile_DeletesWhatTheManifestListsAndReportsTheRest()
    {
        var manifest = Extract();
        var folder = new DeliveryAssembler(new DeliveryArea(_folder.Path, Lake.Extract.Access.OperatingSystemAccounts.None), _layout, Contracts.Registers.RegisterCatalog.Shipped, TimeProvider.System)
            .DeliveryFolder("S1", manifest.RequestId);
        var precious = _folder.File("precious.txt");
        File.WriteAllText(precious, "not Lake's");
        File.CreateSymbolicLink(Path.Combine(folder, "link.txt"), precious);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "a researcher's notes");

        var left = DeliveryRemoval.Remove(folder);

        Assert.Multiple(() =>
        {
            Assert.That(left, Is.EqualTo(new[] { "notes.txt" }));
            Assert.That(Directory.EnumerateFiles(folder).Select(Path.GetFileName), Is.EqualTo(new[] { "notes.txt" }));
            Assert.That(File.ReadAllText(precious), Is.EqualTo("not Lake's"), "the link was removed, not followed");
        });
    }
}
