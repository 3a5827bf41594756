namespace Lake.Contracts.Registers;

/// <summary>Every register of the lake, in the order of the dataset catalog. The one place registers are listed.</summary>
public static class RegisterCatalog
{
    public static IReadOnlyList<RegisterDefinition> PatientRegisters { get; } =
    [
        PatientBackgroundRegister.Definition,
        ReferralRegister.Definition,
        DiagnosisRegister.Definition,
        VisitRegister.Definition,
        InpatientPeriodRegister.Definition,
        PatientRecordTextRegister.Definition,
        LaboratoryRegister.Definition,
        ProcedureRegister.Definition,
        PathologyRegister.Definition,
        MedicationRegister.Definition,
        IntensiveCareRegister.Definition,
        PrehospitalCallRegister.Definition,
        ImagingRegister.Definition,
        ChildbirthRegister.Definition,
        PrehospitalCareRegister.Definition,
        BasicMeasurementRegister.Definition,
    ];

    public static IReadOnlyList<RegisterDefinition> All { get; } = [.. PatientRegisters, .. QualityRegistries.All];

    private static readonly Dictionary<string, RegisterDefinition> ByName =
        All.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out RegisterDefinition register) =>
        ByName.TryGetValue(name, out register!);

    public static RegisterDefinition Get(string name) =>
        TryGet(name, out var register)
            ? register
            : throw new KeyNotFoundException($"Unknown register '{name}'. Known registers: {string.Join(", ", PatientRegisters.Select(r => r.Name))} and {QualityRegistries.All.Count} quality registries (qr_*).");
}
