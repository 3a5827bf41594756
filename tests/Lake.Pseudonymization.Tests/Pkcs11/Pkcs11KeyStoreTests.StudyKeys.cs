using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lake.Pseudonymization.Tests.Pkcs11;

/// <summary>Study keys: random, kept wrapped in an owner-only file, bound to their study, gone when deleted.</summary>
public sealed partial class Pkcs11KeyStoreTests
{
    [Test]
    public void StudyPseudonym_FirstUse_KeepsTheKeyWrappedInAnOwnerOnlyFile()
    {
        var store = Open();

        new Pseudonymizer(store).StudyPseudonym("study-1", new Pseudonymizer(store).IdentityOf(Alice));

        using var json = JsonDocument.Parse(File.ReadAllBytes(StudyKeyFile));
        var wrapped = json.RootElement.GetProperty("studyKeys").GetProperty("study-1").GetProperty("wrapped").GetBytesFromBase64();
        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(StudyKeyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(json.RootElement.GetProperty("version").GetInt32(), Is.EqualTo(1));
            Assert.That(wrapped, Has.Length.EqualTo(12 + 32 + 16), "nonce, key, tag");
            Assert.That(store.StudyIds, Is.EqualTo(new[] { "study-1" }));
            Assert.That(store.HasStudyKey("study-1"), Is.True);
        });
    }

    [Test]
    public void StudyPseudonym_TwoStudies_Differ()
    {
        var pseudonymizer = new Pseudonymizer(Open());
        var identity = pseudonymizer.IdentityOf(Alice);

        Assert.That(pseudonymizer.StudyPseudonym("study-1", identity), Is.Not.EqualTo(pseudonymizer.StudyPseudonym("study-2", identity)));
    }

    [Test]
    public void DeleteStudyKey_ThenUsedAgain_GivesANewUnrelatedKey()
    {
        var store = Open();
        var pseudonymizer = new Pseudonymizer(store);
        var identity = pseudonymizer.IdentityOf(Alice);
        var before = pseudonymizer.StudyPseudonym("study-1", identity);
        var shiftBefore = pseudonymizer.StudyDateShiftDays("study-1", identity, 3650);

        store.DeleteStudyKey("study-1");
        var deleted = !store.HasStudyKey("study-1") && !Open().HasStudyKey("study-1");
        var after = pseudonymizer.StudyPseudonym("study-1", identity);

        Assert.Multiple(() =>
        {
            Assert.That(deleted, Is.True);
            Assert.That(after, Is.Not.EqualTo(before));
            Assert.That(pseudonymizer.StudyDateShiftDays("study-1", identity, 3650), Is.Not.EqualTo(shiftBefore));
        });
    }

    [Test]
    public void StudyPseudonym_KeyCreatedByAnotherStore_IsTheOneUsed()
    {
        var first = new Pseudonymizer(Open());
        var second = new Pseudonymizer(Open());
        var identity = first.IdentityOf(Alice);

        var fromFirst = first.StudyPseudonym("study-1", identity);

        Assert.That(second.StudyPseudonym("study-1", identity), Is.EqualTo(fromFirst));
    }

    [Test]
    public void StudyPseudonym_WrappedKeyCopiedToAnotherStudy_DoesNotOpen()
    {
        var pseudonymizer = new Pseudonymizer(Open());
        pseudonymizer.StudyPseudonym("study-1", pseudonymizer.IdentityOf(Alice));
        CloseAll();
        var file = JsonNode.Parse(File.ReadAllText(StudyKeyFile))!;
        file["studyKeys"]!["study-2"] = file["studyKeys"]!["study-1"]!.DeepClone();
        File.WriteAllText(StudyKeyFile, file.ToJsonString());

        var reopened = new Pseudonymizer(Open());

        Assert.That(() => reopened.StudyPseudonym("study-2", reopened.IdentityOf(Alice)),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("does not open under the wrapping key"));
    }

    [Test]
    public void Open_StudyKeyFileReadableByOthers_IsRefused()
    {
        var pseudonymizer = new Pseudonymizer(Open());
        pseudonymizer.StudyPseudonym("study-1", pseudonymizer.IdentityOf(Alice));
        CloseAll();
        File.SetUnixFileMode(StudyKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.That(() => Open(), Throws.TypeOf<UnauthorizedAccessException>().With.Message.Contains("chmod 600"));
    }
}
