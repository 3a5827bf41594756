namespace Lake.Pseudonymization.Tests;

public sealed class LakeIdentityTests
{
    private static readonly byte[] Bytes = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    [Test]
    public void WriteBytes_AfterFromBytes_ReturnsSameBytesInOrder()
    {
        var destination = new byte[16];

        LakeIdentity.FromBytes(Bytes).WriteBytes(destination);

        Assert.That(destination, Is.EqualTo(Bytes));
    }

    [TestCase(0)]
    [TestCase(15)]
    [TestCase(17)]
    public void FromBytes_NotSixteenBytes_Throws(int length)
    {
        Assert.That(() => LakeIdentity.FromBytes(new byte[length]), Throws.ArgumentException);
    }

    [Test]
    public void WriteBytes_DestinationTooShort_Throws()
    {
        Assert.That(() => LakeIdentity.FromBytes(Bytes).WriteBytes(new byte[15]), Throws.ArgumentException);
    }

    [Test]
    public void Equals_SameBytes_AreEqualAndHashAlike()
    {
        var a = LakeIdentity.FromBytes(Bytes);
        var b = LakeIdentity.FromBytes(Bytes.ToArray());

        Assert.That(a, Is.EqualTo(b));
        Assert.That(a == b, Is.True);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
    }

    // Bytes 7 and 8 straddle the two halves the struct keeps.
    [TestCase(0)]
    [TestCase(7)]
    [TestCase(8)]
    [TestCase(15)]
    public void Equals_OneByteDiffers_AreNotEqual(int index)
    {
        var other = Bytes.ToArray();
        other[index] ^= 0x80;

        Assert.That(LakeIdentity.FromBytes(other), Is.Not.EqualTo(LakeIdentity.FromBytes(Bytes)));
        Assert.That(LakeIdentity.FromBytes(other) != LakeIdentity.FromBytes(Bytes), Is.True);
    }

    [Test]
    public void ToString_Always_IsRedacted()
    {
        Assert.That(LakeIdentity.FromBytes(Bytes).ToString(), Is.EqualTo("LakeIdentity(redacted)"));
    }
}
