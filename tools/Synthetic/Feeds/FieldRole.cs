namespace Lake.Synthetic.Feeds;

/// <summary>What a feed field means to the defects: which field each kind of defect breaks.</summary>
[Flags]
internal enum FieldRole
{
    None = 0,

    /// <summary>The identity code; invalid_hetu breaks its check character.</summary>
    Identity = 1,

    /// <summary>The event's date or time stamp; impossible_date writes a day no calendar has.</summary>
    EventTime = 2,

    /// <summary>An ICD-10 code the descriptor validates; malformed_code writes a non-code.</summary>
    IcdCode = 4,

    /// <summary>A field the register requires; missing_required leaves it empty.</summary>
    Required = 8,
}
