using System.Text;
using Lake.Contracts.Lake;
using Lake.Ingest.Fhir;
using Lake.Pseudonymization;

namespace Lake.Ingest.Tests.Fhir;

public sealed class FhirPatientIndexTests
{
    private static readonly Hetu Alice = Hetu.Create(new DateOnly(1952, 10, 13), 308);
    private static readonly Hetu Bob = Hetu.Create(new DateOnly(1987, 3, 1), 123);

    private TempDirectory _folder = null!;
    private LakeLayout _layout = null!;
    private SecretBox _secrets = null!;

    [SetUp]
    public void CreateLake()
    {
        _folder = new TempDirectory("lake-fhir-index-tests");
        _layout = new LakeLayout(_folder.File("lake"));
        _secrets = new SecretBox(KeyRing.OpenOrCreate(_folder.File("keys/keyring.json"), TimeProvider.System));
    }

    [TearDown]
    public void DeleteLake() => _folder.Dispose();

    [Test]
    public void Save_ThenOpen_GivesTheSamePatients()
    {
        var index = FhirPatientIndex.Open(_layout, "Apotti", _secrets);
        index.Record("p-1", Alice.Value);
        index.Record("p-2", Bob.Value);
        index.Save();

        var reopened = FhirPatientIndex.Open(_layout, "Apotti", _secrets);

        Assert.Multiple(() =>
        {
            Assert.That(reopened.Count, Is.EqualTo(2));
            Assert.That(reopened.TryGet("p-2", out var code), Is.True);
            Assert.That(code, Is.EqualTo(Bob.Value));
            Assert.That(reopened.Changed, Is.False);
        });
    }

    [Test]
    public void Save_File_IsSealedOwnerOnlyAndHoldsNoCodeOrId()
    {
        var index = FhirPatientIndex.Open(_layout, "Apotti", _secrets);
        index.Record("patient-id-visible", Alice.Value);
        index.Save();

        var path = _layout.FhirPatientIndexPath("apotti");
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
        Assert.Multiple(() =>
        {
            Assert.That(Path.GetDirectoryName(path), Does.StartWith(_layout.StateFolder));
            Assert.That(text, Does.Not.Contain(Alice.Value).And.Not.Contain("patient-id-visible"));
            Assert.That(Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*.tmp"), Is.Empty, "written through a temporary file, renamed");
            if (!OperatingSystem.IsWindows())
                Assert.That(File.GetUnixFileMode(path), Is.EqualTo(OwnerOnly.FileMode));
        });
    }

    [Test]
    public void Open_UnderAnotherKeyRingOrForAnotherSystem_RefusesWithOneLine()
    {
        var index = FhirPatientIndex.Open(_layout, "Apotti", _secrets);
        index.Record("p-1", Alice.Value);
        index.Save();
        var other = new SecretBox(KeyRing.OpenOrCreate(_folder.File("other/keyring.json"), TimeProvider.System));
        File.Copy(_layout.FhirPatientIndexPath("apotti"), _layout.FhirPatientIndexPath("uranus"));

        Assert.Multiple(() =>
        {
            var e = Assert.Throws<InvalidDataException>(() => FhirPatientIndex.Open(_layout, "Apotti", other));
            Assert.That(e!.Message, Does.Contain("does not open under this key ring").And.Not.Contain("\n"));
            Assert.Throws<InvalidDataException>(() => FhirPatientIndex.Open(_layout, "Uranus", _secrets), "sealed for its own system");
        });
    }

    [Test]
    public void Open_StateFolderIsAPlantedLink_IsRefusedAndNothingIsReadOrWrittenThrough()
    {
        var link = PlantedLink.ToFolder(_folder, _layout.StateFolder);

        Assert.Multiple(() =>
        {
            Assert.That(() => FhirPatientIndex.Open(_layout, "Apotti", _secrets), link.Refused);
            Assert.That(link.TargetUnchanged, Is.True);
        });
    }

    [Test]
    public void Save_IndexFileNameIsAPlantedLinkAfterOpen_IsRefusedAndTheTargetIsUnchanged()
    {
        var index = FhirPatientIndex.Open(_layout, "Apotti", _secrets);
        index.Record("p-1", Alice.Value);
        var link = PlantedLink.ToFile(_folder, _layout.FhirPatientIndexPath("apotti"));

        Assert.Multiple(() =>
        {
            Assert.That(index.Save, link.Refused);
            Assert.That(link.TargetUnchanged, Is.True);
            Assert.That(Directory.EnumerateFiles(_layout.StateFolder, "*", SearchOption.AllDirectories), Is.EqualTo(new[] { link.Path }), "no temporary left behind");
        });
    }

    [Test]
    public void Record_SameIdWithAnotherCode_IsAConflictAndKeepsTheFirst()
    {
        var index = FhirPatientIndex.InMemory();

        Assert.Multiple(() =>
        {
            Assert.That(index.Record("p-1", Alice.Value), Is.EqualTo(PatientRecording.Added));
            Assert.That(index.Record("p-1", Alice.Value), Is.EqualTo(PatientRecording.AlreadyKnown));
            Assert.That(index.Record("p-1", Bob.Value), Is.EqualTo(PatientRecording.Conflict));
            Assert.That(index.TryGet("p-1", out var code) && code == Alice.Value, Is.True);
            Assert.That(index.ToString(), Does.Not.Contain(Alice.Value));
        });
    }
}
