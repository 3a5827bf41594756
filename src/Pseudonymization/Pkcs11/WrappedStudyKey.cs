namespace Lake.Pseudonymization.Pkcs11;

/// <summary>One study key as stored: 12 bytes of GCM nonce, the 32 key bytes encrypted, 16 bytes of tag.</summary>
internal sealed record WrappedStudyKey(byte[] Wrapped, DateTimeOffset Created);
