namespace Lake.Contracts.Registers;

/// <summary>Patient registers come from the hospital's information systems; quality registries are kept by clinics.</summary>
public enum RegisterKind
{
    /// <summary>A register fed by patient information systems.</summary>
    PatientRegister,

    /// <summary>A clinical quality registry.</summary>
    QualityRegistry,
}
