namespace Lake.Extract.Specifications;

/// <summary>
/// One node of the cohort's criterion tree as written: exactly one member should be set, which
/// <see cref="CriterionReader"/> checks with the field path. Leaves keep their window settings flat
/// (<c>laboratory: { test_codes: [2095], min: 53, from: 2020-01-01 }</c>) because that is how a
/// researcher reads them.
/// </summary>
internal sealed class CriterionDocument
{
    public List<CriterionDocument>? All { get; set; }

    public List<CriterionDocument>? Any { get; set; }

    public CriterionDocument? Not { get; set; }

    public DiagnosisDocument? Diagnosis { get; set; }

    public ProcedureDocument? Procedure { get; set; }

    public MedicationDocument? Medication { get; set; }

    public LaboratoryDocument? Laboratory { get; set; }

    public MeasurementDocument? Measurement { get; set; }

    public QualityRegistryDocument? QualityRegistry { get; set; }

    public VisitDocument? Visit { get; set; }

    /// <summary>Identity codes in clear, as the researcher supplied them; they never leave the reader.</summary>
    public List<string>? IdentityCodes { get; set; }

    internal abstract class EventDocument
    {
        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public int? WithinDaysBeforeIndex { get; set; }

        public int? WithinDaysAfterIndex { get; set; }

        public bool Index { get; set; }
    }

    internal sealed class DiagnosisDocument : EventDocument
    {
        public List<string> Icd10 { get; set; } = [];

        public List<string> Specialty { get; set; } = [];
    }

    internal sealed class ProcedureDocument : EventDocument
    {
        public List<string> Codes { get; set; } = [];
    }

    internal sealed class MedicationDocument : EventDocument
    {
        public List<string> Atc { get; set; } = [];
    }

    internal sealed class LaboratoryDocument : EventDocument
    {
        public List<string> TestCodes { get; set; } = [];

        public double? Min { get; set; }

        public double? Max { get; set; }
    }

    internal sealed class MeasurementDocument : EventDocument
    {
        public string Register { get; set; } = "";

        public List<string> Codes { get; set; } = [];

        public double? Min { get; set; }

        public double? Max { get; set; }
    }

    internal sealed class QualityRegistryDocument : EventDocument
    {
        public List<string> Registers { get; set; } = [];
    }

    internal sealed class VisitDocument : EventDocument
    {
        public List<string> Specialty { get; set; } = [];
    }
}
