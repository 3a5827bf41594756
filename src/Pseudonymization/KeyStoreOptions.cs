using Lake.Pseudonymization.Pkcs11;

namespace Lake.Pseudonymization;

/// <summary>
/// The <c>Keys</c> settings. For example, in appsettings.json:
/// <code>
/// "Keys": { "Store": "pkcs11", "Pkcs11": { "Module": "/usr/lib/softhsm/libsofthsm2.so", "TokenLabel": "lake", "PinFile": "/etc/lake/token.pin" } }
/// </code>
/// or as environment variables: <c>Keys__Store=pkcs11</c>, <c>Keys__Pkcs11__Module=...</c>. A key ring
/// encrypted at rest: <c>"Keys": { "PassphraseFile": "/etc/lake/keyring.passphrase" }</c>.
/// </summary>
public sealed class KeyStoreOptions
{
    public const string SectionName = "Keys";

    public KeyStoreKind Store { get; set; } = KeyStoreKind.File;

    /// <summary>
    /// For the key ring file (<see cref="KeyStoreKind.File"/>): an owner-only file holding the passphrase
    /// it is encrypted under; <c>$LAKE_KEY_PASSPHRASE_FILE</c> wins over it (<see cref="KeyRingPassphrase"/>).
    /// </summary>
    public string? PassphraseFile { get; set; }

    public Pkcs11KeyStoreOptions Pkcs11 { get; set; } = new();
}
