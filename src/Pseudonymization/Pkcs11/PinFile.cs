namespace Lake.Pseudonymization.Pkcs11;

/// <summary>
/// Reads a token's user PIN from its file. No message ever contains the PIN; a file that others can
/// read is refused, because a PIN they can read is a PIN they know.
/// </summary>
internal static class PinFile
{
    public static byte[] Read(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new KeyStoreException("Keys:Pkcs11:PinFile is not set; put the token's user PIN in an owner-only file and name it there (the PIN itself is never a setting).");

        byte[] content;
        try
        {
            content = KeyRingFile.ReadOwnerOnly(Path.GetFullPath(path), "The PIN file");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KeyStoreException($"The PIN file {path} (Keys:Pkcs11:PinFile) does not exist.");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new KeyStoreException(e.Message.Replace("treat the keys as disclosed", "treat the PIN as disclosed", StringComparison.Ordinal));
        }
        catch (IOException e)
        {
            throw new KeyStoreException($"The PIN file {path} cannot be read: {e.Message}");
        }

        // Editors and `echo` end a file with a line break that is no part of the PIN.
        var length = content.Length;
        while (length > 0 && content[length - 1] is (byte)'\n' or (byte)'\r')
            length--;

        if (length == 0)
            throw new KeyStoreException($"The PIN file {path} is empty.");

        // PKCS#11 PINs are UTF-8 bytes, passed as they are.
        var pin = content[..length];
        Array.Clear(content);
        return pin;
    }
}
