namespace Lake.Pseudonymization.Pkcs11;

/// <summary>
/// The <c>Keys:Pkcs11</c> settings: which module, which token, where its PIN is. The PIN itself is
/// never a setting: configuration and environment end up in process listings, crash dumps and logs.
/// </summary>
public sealed class Pkcs11KeyStoreOptions
{
    /// <summary>The PKCS#11 module (shared library) of the HSM, e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c>.</summary>
    public string Module { get; set; } = "";

    /// <summary>The label of the token (HSM partition) that holds the lake's keys.</summary>
    public string TokenLabel { get; set; } = "";

    /// <summary>A file, owner-only, holding the token's user PIN (trailing line breaks ignored).</summary>
    public string PinFile { get; set; } = "";

    /// <summary>
    /// Where the study keys are kept, wrapped under the token's study key wrapping key; by default
    /// <c>study-keys.json</c> beside the key ring location (<see cref="KeyRingLocation"/>).
    /// </summary>
    public string? StudyKeyFile { get; set; }

    /// <summary>
    /// The first word of every key's label on the token (<c>lake identity key</c>, <c>lake register key 1</c>, ...),
    /// so that two lakes (test and production, say) can share one HSM partition without sharing keys.
    /// </summary>
    public string LabelPrefix { get; set; } = "lake";

    /// <summary>
    /// False for a process that must hold no register keys (the coordinator, when preliminary studies and
    /// identity-code lists are left to workers): the store then never looks them up, and every operation that
    /// needs one is refused.
    /// </summary>
    public bool RegisterKeys { get; set; } = true;
}
