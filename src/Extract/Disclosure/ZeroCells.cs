namespace Lake.Extract.Disclosure;

/// <summary>What a zero in a breakdown may show.</summary>
public enum ZeroCells
{
    /// <summary>Zeros are shown like any count above the threshold.</summary>
    Shown,

    /// <summary>
    /// A breakdown whose cells are all zero but one is hidden whole: shown, its zeros would say that
    /// every member of the group shares the one attribute (e.g. every patient aged 90 or more is female).
    /// </summary>
    HiddenWhenOneGroupHoldsAll,
}
