namespace Lake.Contracts.Registers;

/// <summary>
/// The registers Lake's own logic refers to by name: cohort criteria read diagnoses, procedures,
/// medications, laboratory results and visits; extraction always needs patient background; free
/// text has rules of its own. Their columns live in the register files like every other register's.
/// </summary>
public static class RegisterNames
{
    public const string PatientBackground = "patient_background";
    public const string Referral = "referral";
    public const string Diagnosis = "diagnosis";
    public const string Visit = "visit";
    public const string InpatientPeriod = "inpatient_period";
    public const string PatientRecordText = "patient_record_text";
    public const string Laboratory = "laboratory";
    public const string Procedure = "procedure";
    public const string Pathology = "pathology";
    public const string Medication = "medication";
    public const string IntensiveCare = "intensive_care";
    public const string PrehospitalCall = "prehospital_call";
    public const string Imaging = "imaging";
    public const string Childbirth = "childbirth";
    public const string PrehospitalCare = "prehospital_care";
    public const string BasicMeasurement = "basic_measurement";

    /// <summary>Every quality registry's source system is the registry itself.</summary>
    public const string QualityRegistrySource = "Quality registry";
}
