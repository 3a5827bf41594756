using Lake.Pseudonymization;
using Lake.Pseudonymization.Pkcs11;

namespace Lake.Testing;

/// <summary>
/// A fresh key store of either kind in a test's folder, so a fixture can run its tests under the key
/// ring and under a PKCS#11 token alike: <c>[TestFixture(KeyStoreKind.File)]</c> and
/// <c>[TestFixture(KeyStoreKind.Pkcs11, Category = TestCategories.Pkcs11)]</c>.
/// </summary>
public static class TestKeyStores
{
    /// <summary>The key ring at <c>folder/keyring.json</c>, or fresh keys on the test run's SoftHSM token with their study keys in <c>folder/study-keys.json</c>.</summary>
    public static IKeyStore Open(KeyStoreKind kind, string folder) => kind switch
    {
        KeyStoreKind.File => KeyRing.OpenOrCreate(Path.Combine(folder, "keyring.json"), TimeProvider.System),
        KeyStoreKind.Pkcs11 => Pkcs11KeyStore.Open(SoftHsmToken.FreshKeys(), Path.Combine(folder, KeyStores.StudyKeyFileName), TimeProvider.System),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such key store."),
    };

    /// <summary>Closes a PKCS#11 store's sessions; the key ring holds nothing open.</summary>
    public static void Close(IKeyStore? keys) => (keys as IDisposable)?.Dispose();
}
