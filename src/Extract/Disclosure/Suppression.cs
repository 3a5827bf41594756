namespace Lake.Extract.Disclosure;

/// <summary>Why a count is not shown; each reason has its own label, so a label never states a wrong range.</summary>
public enum Suppression
{
    /// <summary>Shown.</summary>
    None,

    /// <summary>The count is from 1 to the threshold: shown as that range.</summary>
    Small,

    /// <summary>Hidden so that a small count beside it cannot be worked out from a total (the count itself may be large).</summary>
    Complementary,

    /// <summary>
    /// Hidden because of the group it describes: a cohort of 1 to the threshold (every count about
    /// it would describe those few), rows of too few persons, or a breakdown whose only non-zero
    /// cell would say that the whole group shares an attribute.
    /// </summary>
    Group,
}
