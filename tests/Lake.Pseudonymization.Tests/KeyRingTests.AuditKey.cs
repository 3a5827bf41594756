using System.Security.Cryptography;
using System.Text;

namespace Lake.Pseudonymization.Tests;

// The audit log's MAC: the published construction, and a key no other ring shares.
public sealed partial class KeyRingTests
{
    [Test]
    public void AuthenticateAudit_KnownRing_IsHmacUnderTheHkdfDerivedAuditKey()
    {
        var ring = KeyRing.OpenOrCreate(KnownKeyRing.Write(_path), TimeProvider.System);
        var message = Encoding.UTF8.GetBytes("entry\n1:1;");
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, KnownKeyRing.IdentityKey, 32, [], Encoding.UTF8.GetBytes("lake:audit-log:v1"));

        Assert.That(ring.AuthenticateAudit(message), Is.EqualTo(HMACSHA256.HashData(key, message)));
    }

    [Test]
    public void AuthenticateAudit_AnotherRing_GivesAnotherMac()
    {
        var message = Encoding.UTF8.GetBytes("tree-head\n3");
        var first = KeyRing.OpenOrCreate(_path, TimeProvider.System);
        var second = KeyRing.OpenOrCreate(_folder.File("other.json"), TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(KeyRing.OpenOrCreate(_path, TimeProvider.System).AuthenticateAudit(message), Is.EqualTo(first.AuthenticateAudit(message)), "the same ring, opened again");
            Assert.That(second.AuthenticateAudit(message), Is.Not.EqualTo(first.AuthenticateAudit(message)));
        });
    }

    [Test]
    public void AuthenticateAudit_KnownRing_IsNotTheIdentityKeysOwnHmac()
    {
        // A MAC under the identity key itself would be a lake identity for a message shaped like an
        // identity code; the derived key keeps the two apart.
        var ring = KeyRing.OpenOrCreate(KnownKeyRing.Write(_path), TimeProvider.System);
        var message = Encoding.UTF8.GetBytes("131052-308T");

        Assert.That(ring.AuthenticateAudit(message), Is.Not.EqualTo(HMACSHA256.HashData(KnownKeyRing.IdentityKey, message)));
    }
}
