using System.Security.Cryptography;

namespace Lake.Pseudonymization;

/// <summary>One 32-byte secret of the key ring and when it was made.</summary>
internal sealed class KeySecret(byte[] secret, DateTimeOffset created)
{
    public const int Size = 32;

    public byte[] Secret { get; } = secret;

    public DateTimeOffset Created { get; } = created;

    public static KeySecret CreateRandom(DateTimeOffset now) => new(RandomNumberGenerator.GetBytes(Size), now);

    public override string ToString() => "KeySecret(redacted)";
}
