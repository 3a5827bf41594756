using Lake.Pseudonymization.Pkcs11;

namespace Lake.Pseudonymization;

/// <summary>Opens the key store the configuration names.</summary>
public static class KeyStores
{
    /// <summary>The name of the wrapped study key file, beside the key ring location unless configured.</summary>
    public const string StudyKeyFileName = "study-keys.json";

    /// <param name="keyRingPath">The key ring location (<see cref="KeyRingLocation.Resolve"/>): the key ring itself, or where the PKCS#11 store keeps its files.</param>
    /// <param name="production">
    /// True in production, where a PKCS#11 store refuses to start while a key ring with keys in clear
    /// sits at <paramref name="keyRingPath"/>: a lake configured for an HSM must not have a second
    /// copy of keys in a file that a backup or a misconfigured command would pick up.
    /// </param>
    /// <exception cref="KeyStoreException">The store cannot be opened as configured (for the key ring: encrypted, and no passphrase or the wrong one).</exception>
    /// <param name="time">The caller's clock, for the keys the store creates.</param>
    public static IKeyStore Open(KeyStoreOptions options, string keyRingPath, bool production, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyRingPath);
        keyRingPath = Path.GetFullPath(keyRingPath);
        if (options.Store != KeyStoreKind.Pkcs11)
            return KeyRing.OpenOrCreate(keyRingPath, KeyRingPassphrase.FromConfiguration(options.PassphraseFile), time);

        var studyKeyFile = string.IsNullOrWhiteSpace(options.Pkcs11.StudyKeyFile)
            ? Path.Combine(Path.GetDirectoryName(keyRingPath)!, StudyKeyFileName)
            : Path.GetFullPath(options.Pkcs11.StudyKeyFile);
        if (production && File.Exists(keyRingPath) && keyRingPath != studyKeyFile)
        {
            throw new KeyStoreException(
                $"Keys:Store is pkcs11, yet a key ring with keys in clear is at {keyRingPath}; in production Lake refuses to start beside it. " +
                "Move it to offline backup (or destroy it once no data needs it), or point --keyring/LAKE_KEYRING elsewhere.");
        }

        return Pkcs11KeyStore.Open(options.Pkcs11, studyKeyFile, time);
    }
}
