using System.Text;
using Lake.Contracts.Files;
using Lake.Contracts.Lake;

namespace Lake.Contracts.Tests.Files;

/// <summary>Writes, renames and deletes under a root refuse a planted link with its path and leave what it points at alone.</summary>
public sealed class ContainedFilesTests
{
    private DirectoryInfo _folder = null!;
    private string _root = "";
    private string _precious = "";

    [SetUp]
    public void CreateRoot()
    {
        _folder = Directory.CreateTempSubdirectory("lake-contained-files-");
        _root = Path.Combine(_folder.FullName, "root");
        Directory.CreateDirectory(_root);
        _precious = Path.Combine(_folder.FullName, "precious.txt");
        File.WriteAllText(_precious, "not Lake's");
    }

    [TearDown]
    public void RemoveRoot() => _folder.Delete(recursive: true);

    [Test]
    public void CreateNew_LinkAtTheName_IsRefusedAndTheTargetIsUnchanged()
    {
        var link = Path.Combine(_root, "part.parquet");
        File.CreateSymbolicLink(link, _precious);

        Assert.Multiple(() =>
        {
            Assert.That(() => ContainedFiles.CreateNew(_root, link), ThrowsRefusalOf(link));
            Assert.That(File.ReadAllText(_precious), Is.EqualTo("not Lake's"));
        });
    }

    [Test]
    public void WriteDurably_FolderIsALink_IsRefusedAndNothingIsWrittenThrough()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_folder.FullName, "elsewhere")).FullName;
        var link = Path.Combine(_root, "_batches");
        Directory.CreateSymbolicLink(link, elsewhere);

        Assert.Multiple(() =>
        {
            Assert.That(() => ContainedFiles.WriteDurably(_root, Path.Combine(link, "b.json"), Write("{}"), overwrite: false), ThrowsRefusalOf(link));
            Assert.That(Directory.EnumerateFileSystemEntries(elsewhere), Is.Empty);
        });
    }

    [Test]
    public void WriteDurably_FileThereWithoutOverwrite_FailsKeepsItAndLeavesNoTemporary()
    {
        var path = Path.Combine(_root, "record.json");
        ContainedFiles.WriteDurably(_root, path, Write("first"), overwrite: false);

        Assert.Multiple(() =>
        {
            Assert.That(() => ContainedFiles.WriteDurably(_root, path, Write("second"), overwrite: false), Throws.InstanceOf<IOException>());
            Assert.That(File.ReadAllText(path), Is.EqualTo("first"));
            Assert.That(Directory.EnumerateFiles(_root), Is.EqualTo(new[] { path }));
        });
    }

    [Test]
    public void Delete_LinkAtTheName_IsRefusedAndTheLinkAndTargetStay()
    {
        var link = Path.Combine(_root, "leftover.csv");
        File.CreateSymbolicLink(link, _precious);

        Assert.Multiple(() =>
        {
            Assert.That(() => ContainedFiles.Delete(_root, link), ThrowsRefusalOf(link));
            Assert.That(FileTypes.Of(link), Is.EqualTo(FileType.SymbolicLink), "left for the person the refusal asks to look");
            Assert.That(File.ReadAllText(_precious), Is.EqualTo("not Lake's"));
        });
    }

    [Test]
    public void Delete_Missing_DoesNothing()
    {
        Assert.That(() => ContainedFiles.Delete(_root, Path.Combine("_quarantine", "none.csv")), Throws.Nothing);
    }

    [Test]
    public void OwnerOnlyOpen_LinkAtTheName_IsRefusedWhateverTheMode()
    {
        var link = Path.Combine(_root, "access.json.tmp");
        File.CreateSymbolicLink(link, _precious);

        Assert.Multiple(() =>
        {
            Assert.That(() => OwnerOnly.WriteAllText(link, "patient data"), ThrowsRefusalOf(link));
            Assert.That(() => OwnerOnly.Open(link, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), ThrowsRefusalOf(link));
            Assert.That(File.ReadAllText(_precious), Is.EqualTo("not Lake's"));
        });
    }

    private static Action<Stream> Write(string text) => stream => stream.Write(Encoding.UTF8.GetBytes(text));

    private static NUnit.Framework.Constraints.IResolveConstraint ThrowsRefusalOf(string link) =>
        Throws.TypeOf<RefusedPathException>().With.Message.EqualTo($"{link} is a symbolic link, which Lake did not make; it is not followed. Remove it and check who could write there.");
}
