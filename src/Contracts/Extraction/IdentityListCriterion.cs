namespace Lake.Contracts.Extraction;

/// <summary>
/// Patients a researcher listed by identity code. The codes are gone by the time this exists: the
/// reader turned each into the lake identity and that into <see cref="Tokens"/>, the identity
/// encrypted under the key ring's key <see cref="KeyId"/> for the purpose <see cref="Purpose"/>. Only
/// the extraction path, holding the keys, can turn a token back into a patient; no register's
/// files share these values, and a leaked specification names nobody.
/// </summary>
public sealed record IdentityListCriterion
{
    /// <summary>The pseudonym purpose (as a register name would be) under which the tokens are encrypted.</summary>
    public const string Purpose = "cohort_identity_list";

    public required int KeyId { get; init; }

    /// <summary>Distinct patients, sorted, so the same list always gives the same specification.</summary>
    public required IReadOnlyList<Guid> Tokens { get; init; }

    /// <summary>How many codes the researcher listed, duplicates included; the audit shows it.</summary>
    public required int ListedCount { get; init; }

    /// <summary>
    /// Only when the specification asks for identity codes to be delivered (a consent-based study):
    /// the listed codes, each sealed under the key ring (<c>Pseudonymizer.SealIdentityCode</c>) with
    /// <see cref="KeyId"/>, so that the extraction can write them beside the study pseudonyms. Null
    /// otherwise: a study that does not release codes keeps no way back to them.
    /// </summary>
    public IReadOnlyList<Guid>? SealedCodes { get; init; }
}
