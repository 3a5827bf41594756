using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lake.Pseudonymization.Pkcs11;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Lake.Pseudonymization.Tests.Pkcs11;

/// <summary>
/// The constructions docs/pseudonymization.md publishes for the token, recomputed with .NET's own
/// primitives from keys of known value imported into the token (a lake never imports keys: its
/// own are generated inside the token). Any change to labels, derivation or wrapping fails here.
/// </summary>
public sealed partial class Pkcs11KeyStoreTests
{
    [Test]
    public void AllLevels_KnownKeysOnTheToken_MatchPublishedConstruction()
    {
        var known = new Pkcs11KeyLabels("known-" + Guid.NewGuid().ToString("N")[..12]);
        var token = Open().Token;
        token.Run(session =>
        {
            Import(session, known.Identity, CKK.CKK_GENERIC_SECRET, KnownKeyRing.IdentityKey);
            Import(session, known.Register(1), CKK.CKK_GENERIC_SECRET, KnownKeyRing.RegisterKey1);
            Import(session, known.StudyKeyWrapping, CKK.CKK_AES, KnownKeyRing.RegisterKey2);
            return Import(session, known.SecretBox, CKK.CKK_AES, KnownKeyRing.StudyKey);
        });
        WriteWrappedStudyKey(KnownKeyRing.StudyId, KnownKeyRing.StudyKey, wrappingKey: KnownKeyRing.RegisterKey2);
        _options.LabelPrefix = known.Identity[..^" identity key".Length];
        var pseudonymizer = new Pseudonymizer(Open());

        var identityBytes = HMACSHA256.HashData(KnownKeyRing.IdentityKey, Encoding.ASCII.GetBytes("lake identity v1|131052-308T"))[..16];
        byte[] registerMessage = [.. Encoding.UTF8.GetBytes("lake register pseudonym v1|diagnoses"), 0x01];
        var registerKey = HMACSHA256.HashData(KnownKeyRing.RegisterKey1, registerMessage);
        using var aes = Aes.Create();
        aes.Key = registerKey;
        var registerBytes = aes.EncryptEcb(identityBytes, PaddingMode.None);
        byte[] studyMessage = [.. Encoding.ASCII.GetBytes("lake study pseudonym v1|"), .. identityBytes];
        var studyBytes = HMACSHA256.HashData(KnownKeyRing.StudyKey, studyMessage)[..16];

        var identity = pseudonymizer.IdentityOf(Alice);

        Assert.Multiple(() =>
        {
            Assert.That(identity, Is.EqualTo(LakeIdentity.FromBytes(identityBytes)), "the identity MAC inside the token");
            Assert.That(registerKey, Is.EqualTo(HKDF.Expand(HashAlgorithmName.SHA256, KnownKeyRing.RegisterKey1, 32, Encoding.UTF8.GetBytes("lake register pseudonym v1|diagnoses"))),
                "HKDF-Expand with the register key as the pseudorandom key");
            Assert.That(pseudonymizer.RegisterPseudonym("diagnoses", identity, 1).ToString("N"), Is.EqualTo(Convert.ToHexStringLower(registerBytes)));
            Assert.That(pseudonymizer.StudyPseudonym(KnownKeyRing.StudyId, identity).ToString("N"), Is.EqualTo(Convert.ToHexStringLower(studyBytes)), "the study key unwrapped");
        });
    }

    private static IObjectHandle Import(ISession session, string label, CKK keyType, byte[] value)
    {
        var factory = session.Factories.ObjectAttributeFactory;
        var hmac = keyType == CKK.CKK_GENERIC_SECRET;
        return session.CreateObject(
        [
            factory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            factory.Create(CKA.CKA_KEY_TYPE, keyType),
            factory.Create(CKA.CKA_VALUE, value),
            factory.Create(CKA.CKA_LABEL, label),
            factory.Create(CKA.CKA_TOKEN, true),
            factory.Create(CKA.CKA_PRIVATE, true),
            factory.Create(CKA.CKA_SENSITIVE, true),
            factory.Create(CKA.CKA_SIGN, hmac),
            factory.Create(CKA.CKA_ENCRYPT, !hmac),
            factory.Create(CKA.CKA_DECRYPT, !hmac),
        ]);
    }

    /// <summary>The study key file as the store writes it: nonce ‖ AES-256-GCM(wrapping key, key, "lake study key v1|" ‖ study id).</summary>
    private void WriteWrappedStudyKey(string studyId, byte[] key, byte[] wrappingKey)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var wrapped = new byte[12 + key.Length + 16];
        nonce.CopyTo(wrapped, 0);
        using (var gcm = new AesGcm(wrappingKey, 16))
            gcm.Encrypt(nonce, key, wrapped.AsSpan(12, key.Length), wrapped.AsSpan(12 + key.Length), Encoding.UTF8.GetBytes("lake study key v1|" + studyId));

        var file = new JsonObject
        {
            ["version"] = 1,
            ["studyKeys"] = new JsonObject { [studyId] = new JsonObject { ["wrapped"] = Convert.ToBase64String(wrapped), ["created"] = "2026-01-01T00:00:00+00:00" } },
        };
        KnownKeyRing.WriteOwnerOnly(StudyKeyFile, file.ToJsonString());
    }
}
