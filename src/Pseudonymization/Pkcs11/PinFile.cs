namespace Lake.Pseudonymization.Pkcs11;

/// <summary>Reads a token's user PIN from its file (<see cref="SecretFile"/>): owner-only, never in a message.</summary>
internal static class PinFile
{
    public static byte[] Read(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new KeyStoreException("Keys:Pkcs11:PinFile is not set; put the token's user PIN in an owner-only file and name it there (the PIN itself is never a setting).");

        // PKCS#11 PINs are UTF-8 bytes, passed as they are.
        return SecretFile.Read(path, "The PIN file", "Keys:Pkcs11:PinFile", "PIN");
    }
}
