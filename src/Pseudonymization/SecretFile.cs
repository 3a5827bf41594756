using Lake.Contracts.Files;

namespace Lake.Pseudonymization;

/// <summary>
/// Reads a secret kept in a file of its own (a token's PIN, the key ring's passphrase). A file that
/// others can read is refused, because a secret they can read is a secret they know; no message
/// ever contains the secret.
/// </summary>
internal static class SecretFile
{
    /// <param name="what">The file, as an error message's first words ("The PIN file").</param>
    /// <param name="setting">Where its name was set, for the messages ("Keys:Pkcs11:PinFile").</param>
    /// <param name="secret">What it holds, for the messages ("PIN").</param>
    /// <returns>The file's bytes without trailing line breaks.</returns>
    /// <exception cref="KeyStoreException">The file is missing, not owner-only, not a regular file, unreadable or empty.</exception>
    public static byte[] Read(string path, string what, string setting, string secret)
    {
        byte[] content;
        try
        {
            content = KeyRingFile.ReadOwnerOnly(Path.GetFullPath(path), what);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KeyStoreException($"{what} {path} ({setting}) does not exist.");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new KeyStoreException(e.Message.Replace("treat the keys as disclosed", $"treat the {secret} as disclosed", StringComparison.Ordinal));
        }
        catch (RefusedPathException e)
        {
            throw new KeyStoreException(e.Message);
        }
        catch (IOException e)
        {
            throw new KeyStoreException($"{what} {path} cannot be read: {e.Message}");
        }

        // Editors and `echo` end a file with a line break that is no part of the secret.
        var length = content.Length;
        while (length > 0 && content[length - 1] is (byte)'\n' or (byte)'\r')
            length--;

        if (length == 0)
            throw new KeyStoreException($"{what} {path} is empty.");

        var trimmed = content[..length];
        Array.Clear(content);
        return trimmed;
    }
}
