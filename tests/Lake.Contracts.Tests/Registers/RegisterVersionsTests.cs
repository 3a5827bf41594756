using Lake.Contracts.Lake;
using Lake.Contracts.Registers;

namespace Lake.Contracts.Tests.Registers;

/// <summary>The lake keeps each register version it used, and refuses a file that would contradict them.</summary>
public sealed class RegisterVersionsTests
{
    private DirectoryInfo _folder = null!;
    private RegisterVersions _versions = null!;

    [SetUp]
    public void CreateLake()
    {
        _folder = Directory.CreateTempSubdirectory("lake-register-versions-");
        _versions = new RegisterVersions(new LakeLayout(Path.Combine(_folder.FullName, "lake")));
    }

    [TearDown]
    public void RemoveLake() => _folder.Delete(recursive: true);

    [Test]
    public void Record_NewVersions_KeepsACopyOfEachReadableAsBefore()
    {
        var v1 = RegisterFileReader.Read(RegisterFiles.Echocardiography, "v1");
        var v2 = RegisterFileReader.Read(Added(RegisterFiles.Echocardiography), "v2");

        _versions.Record(v1);
        _versions.Record(v2);
        _versions.Record(v1);

        Assert.Multiple(() =>
        {
            Assert.That(_versions.VersionsOf("echocardiography"), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(RegisterEvolution.SameShape(_versions.Get("echocardiography", 1), v1), Is.True);
            Assert.That(_versions.Get("echocardiography", 2).FindColumn("lvef_method"), Is.Not.Null);
        });
    }

    [Test]
    public void Record_SameVersionWithOtherColumns_IsRefusedAndAsksForTheNextVersion()
    {
        _versions.Record(RegisterFileReader.Read(RegisterFiles.Echocardiography, "v1"));
        var edited = RegisterFileReader.Read(Added(RegisterFiles.Echocardiography).Replace("version: 2", "version: 1", StringComparison.Ordinal), "echo.yaml");

        Assert.That(() => _versions.Record(edited),
            Throws.TypeOf<RegisterFileException>().With.Message.Contains("differs from the version 1 the lake already holds").And.Message.Contains("give the file version 2"));
    }

    [Test]
    public void Record_RefusedEvolution_IsRefusedAndNothingIsKept()
    {
        _versions.Record(RegisterFileReader.Read(RegisterFiles.Echocardiography, "v1"));
        var narrowed = RegisterFileReader.Read(
            RegisterFiles.With(RegisterFiles.Echocardiography, "name: value, type: double,", "name: value, type: integer,").Replace("version: 1", "version: 2", StringComparison.Ordinal), "echo.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(() => _versions.Record(narrowed), Throws.TypeOf<RegisterFileException>().With.Message.Contains("Narrowing"));
            Assert.That(_versions.VersionsOf("echocardiography"), Is.EqualTo(new[] { 1 }));
        });
    }

    [Test]
    public void Record_OlderVersionAfterANewerOne_IsRefused()
    {
        _versions.Record(RegisterFileReader.Read(Added(RegisterFiles.Echocardiography), "v2"));

        Assert.That(() => _versions.Record(RegisterFileReader.Read(RegisterFiles.Echocardiography, "v1")),
            Throws.TypeOf<RegisterFileException>().With.Message.Contains("already holds batches or deliveries of version 2"));
    }

    [Test]
    public void Load_FolderWithANewRegisterAndAnEvolvedShippedOne_AddsAndReplaces()
    {
        var folder = Path.Combine(_folder.FullName, "registers");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "echocardiography.yaml"), RegisterFiles.Echocardiography);
        var imaging = RegisterCatalog.Shipped.Get(RegisterNames.Imaging).FileText!;
        File.WriteAllText(Path.Combine(folder, "imaging.yaml"), imaging.Replace("version: 1", "version: 2", StringComparison.Ordinal)
            .Replace("sources:", "  - { name: ejection_fraction, type: double, unit: \"%\", description: Left ventricular ejection fraction. }\nsources:", StringComparison.Ordinal));

        var catalog = RegisterCatalog.Load([folder]);

        Assert.Multiple(() =>
        {
            Assert.That(catalog.Get("echocardiography").Origin, Does.EndWith("echocardiography.yaml"));
            Assert.That(catalog.Get(RegisterNames.Imaging).Version, Is.EqualTo(2));
            Assert.That(catalog.Get(RegisterNames.Imaging).FindColumn("ejection_fraction")!.Unit, Is.EqualTo("%"));
            Assert.That(catalog.All, Has.Count.EqualTo(RegisterCatalog.Shipped.All.Count + 1));
            Assert.That(RegisterCatalog.Shipped.Get(RegisterNames.Imaging).Version, Is.EqualTo(1), "the shipped catalog is unchanged");
        });
    }

    private static string Added(string text) =>
        RegisterFiles.With(text, "sources:", "  - { name: lvef_method, type: text, description: How LVEF was measured. }\nsources:").Replace("version: 1", "version: 2", StringComparison.Ordinal);
}
