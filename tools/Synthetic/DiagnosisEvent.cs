namespace Lake.Synthetic;

/// <summary>One good row of the Apotti diagnosis feed before it is written.</summary>
internal readonly record struct DiagnosisEvent(
    int PersonIndex,
    DateTime Time,
    IcdCode Code,
    bool IsPrimary,
    string Department,
    string Specialty,
    CodeVariant Variant);
