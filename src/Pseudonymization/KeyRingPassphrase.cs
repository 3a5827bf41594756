namespace Lake.Pseudonymization;

/// <summary>
/// The passphrase that encrypts the key ring file at rest (<see cref="KeyRingEncryption"/>), read
/// from an owner-only file named by <c>$LAKE_KEY_PASSPHRASE_FILE</c> or <c>Keys:PassphraseFile</c>.
/// The passphrase itself is never an argument, a setting or an environment variable: those show in
/// process listings, <c>/proc/PID/environ</c> and <c>docker inspect</c>, are inherited by every child
/// process and end up in crash reports. Container secrets and systemd credentials are files already
/// (<c>LAKE_KEY_PASSPHRASE_FILE=%d/lake-key-passphrase</c> beside <c>LoadCredential=</c>).
/// </summary>
public sealed class KeyRingPassphrase
{
    public const string EnvironmentVariable = "LAKE_KEY_PASSPHRASE_FILE";

    public const string Setting = "Keys:PassphraseFile";

    /// <summary>
    /// The shortest passphrase a new encryption accepts, in bytes. The iterations slow a guess down
    /// about a million times; only the passphrase's own length and randomness make guessing hopeless.
    /// </summary>
    public const int MinimumLength = 16;

    private readonly byte[] _bytes;

    private KeyRingPassphrase(byte[] bytes, string filePath)
    {
        _bytes = bytes;
        FilePath = filePath;
    }

    /// <summary>The file it was read from; named in messages in its place.</summary>
    public string FilePath { get; }

    /// <summary>The passphrase's UTF-8 bytes, as the file holds them without trailing line breaks.</summary>
    internal ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>
    /// The passphrase in the file <c>$LAKE_KEY_PASSPHRASE_FILE</c> names, else in the one
    /// <paramref name="passphraseFileSetting"/> (<c>Keys:PassphraseFile</c>) names; null when neither is set.
    /// The environment variable wins, as environment variables win over appsettings.json.
    /// </summary>
    /// <exception cref="KeyStoreException">The file is missing, not owner-only, not a regular file or empty.</exception>
    public static KeyRingPassphrase? FromConfiguration(string? passphraseFileSetting)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Read(fromEnvironment, EnvironmentVariable);

        return string.IsNullOrWhiteSpace(passphraseFileSetting) ? null : Read(passphraseFileSetting, Setting);
    }

    /// <summary>The passphrase in <paramref name="path"/>, an owner-only regular file.</summary>
    /// <param name="namedBy">Where the path was given, for the messages (a command's option, say).</param>
    /// <exception cref="KeyStoreException">The file is missing, not owner-only, not a regular file or empty.</exception>
    public static KeyRingPassphrase FromFile(string path, string namedBy) => Read(path, namedBy);

    public override string ToString() => $"KeyRingPassphrase({FilePath}, redacted)";

    private static KeyRingPassphrase Read(string path, string setting)
    {
        var fullPath = Path.GetFullPath(path);
        return new KeyRingPassphrase(SecretFile.Read(fullPath, "The key ring passphrase file", setting, "passphrase"), fullPath);
    }
}
