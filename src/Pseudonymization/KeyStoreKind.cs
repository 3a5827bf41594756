namespace Lake.Pseudonymization;

/// <summary>Where the keys are (<c>Keys:Store</c>).</summary>
public enum KeyStoreKind
{
    /// <summary>The key ring file, owner-only, secrets in clear or encrypted under a passphrase (<see cref="KeyRing"/>); the default.</summary>
    File,

    /// <summary>An HSM token through PKCS#11 (<see cref="Pkcs11.Pkcs11KeyStore"/>).</summary>
    Pkcs11,
}
