using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Lake.Pseudonymization.Pkcs11;

/// <summary>
/// How the lake's keys are made inside the token and found again. Every key is a token object,
/// private (login needed), sensitive and not extractable: no call returns its value, in clear or
/// wrapped. Each key may do one thing only (HMAC, or encrypt and decrypt), so that a stolen session
/// cannot, say, use the identity key to wrap another key out.
/// </summary>
internal static class Pkcs11KeyTemplates
{
    public const int KeySize = 32;

    /// <summary>A 256-bit generic secret for CKM_SHA256_HMAC: the identity key and the register keys.</summary>
    public static IObjectHandle CreateHmacKey(ISession session, string label) =>
        Create(session, label, CKK.CKK_GENERIC_SECRET, CKM.CKM_GENERIC_SECRET_KEY_GEN, signs: true);

    /// <summary>An AES-256 key for CKM_AES_GCM: the study key wrapping key and the secret box key.</summary>
    public static IObjectHandle CreateAesKey(ISession session, string label) =>
        Create(session, label, CKK.CKK_AES, CKM.CKM_AES_KEY_GEN, signs: false);

    /// <summary>Every secret key on the token whose label is one of the lake's, by label; a label found twice is an error.</summary>
    public static Dictionary<string, IObjectHandle> FindLakeKeys(ISession session, Pkcs11KeyLabels labels, string tokenLabel)
    {
        var factory = session.Factories.ObjectAttributeFactory;
        var found = new Dictionary<string, IObjectHandle>(StringComparer.Ordinal);
        foreach (var handle in session.FindAllObjects([factory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY)]))
        {
            var label = session.GetAttributeValue(handle, [CKA.CKA_LABEL])[0].GetValueAsString() ?? "";
            if (!labels.IsLakeLabel(label))
                continue;
            if (!found.TryAdd(label, handle))
            {
                throw new KeyStoreException(
                    $"Token \"{tokenLabel}\" holds two keys labelled \"{label}\" (two processes provisioned it at once?); " +
                    "keep the one the lake's data was written with and destroy the other.");
            }
        }

        return found;
    }

    /// <param name="signs">True for a key that only signs (HMAC), false for one that only encrypts and decrypts.</param>
    private static IObjectHandle Create(ISession session, string label, CKK keyType, CKM generation, bool signs)
    {
        var factory = session.Factories.ObjectAttributeFactory;
        List<IObjectAttribute> attributes =
        [
            factory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            factory.Create(CKA.CKA_KEY_TYPE, keyType),
            factory.Create(CKA.CKA_VALUE_LEN, (ulong)KeySize),
            factory.Create(CKA.CKA_LABEL, label),
            factory.Create(CKA.CKA_TOKEN, true),
            factory.Create(CKA.CKA_PRIVATE, true),
            factory.Create(CKA.CKA_SENSITIVE, true),
            factory.Create(CKA.CKA_EXTRACTABLE, false),
            factory.Create(CKA.CKA_MODIFIABLE, false),
            factory.Create(CKA.CKA_WRAP, false),
            factory.Create(CKA.CKA_UNWRAP, false),
            factory.Create(CKA.CKA_DERIVE, false),
            factory.Create(CKA.CKA_SIGN, signs),
            factory.Create(CKA.CKA_VERIFY, signs),
            factory.Create(CKA.CKA_ENCRYPT, !signs),
            factory.Create(CKA.CKA_DECRYPT, !signs),
        ];
        using var mechanism = session.Factories.MechanismFactory.Create(generation);
        return session.GenerateKey(mechanism, attributes);
    }
}
