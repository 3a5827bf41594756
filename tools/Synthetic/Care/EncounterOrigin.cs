namespace Lake.Synthetic.Care;

/// <summary>The patient information system an encounter was first recorded in.</summary>
internal enum EncounterOrigin
{
    /// <summary>Drawn for the Uranus years, 2004-2020.</summary>
    Uranus,

    /// <summary>A visit of the Apotti diagnosis feed, 2020 on.</summary>
    Apotti,
}
