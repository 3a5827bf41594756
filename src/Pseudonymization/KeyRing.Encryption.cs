namespace Lake.Pseudonymization;

// Converting the file between its two forms. The keys do not change, so neither does any pseudonym:
// only how the file keeps them.
public sealed partial class KeyRing
{
    /// <summary>Whether the file was encrypted at rest, as of this instance's last load or change.</summary>
    public bool IsEncrypted => _encryption is not null;

    /// <summary>How the file keeps the keys, for an operator: in clear, or the encryption and its cost. Never a key.</summary>
    public string AtRest => _encryption?.ToString() ?? "in clear, owner-only";

    /// <summary>
    /// Rewrites the file encrypted under <paramref name="passphrase"/>, with a fresh salt: a ring in
    /// clear becomes encrypted, an encrypted one changes passphrase. Other processes that have the
    /// ring open read the passphrase when they started: restart them with the new one, or their next
    /// change of the ring (a rotation, a new study key) is refused.
    /// </summary>
    /// <exception cref="KeyStoreException">The passphrase is too short for a new encryption.</exception>
    public void EncryptAtRest(KeyRingPassphrase passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        // Derived before the lock is taken: it takes a fifth of a second, and other processes wait on the lock.
        var encryption = KeyRingEncryption.Create(passphrase);
        Change(state => (state, true), () => encryption);
    }

    /// <summary>Rewrites the file in clear (owner-only, as a ring that was never encrypted); a ring in clear is left as it is.</summary>
    public void DecryptAtRest() => Change(state => (state, true), () => null);
}
