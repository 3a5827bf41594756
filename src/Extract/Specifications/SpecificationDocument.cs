using Lake.Contracts.Extraction;
using Lake.Pseudonymization;

namespace Lake.Extract.Specifications;

/// <summary>
/// The specification as written, with settable members for the YAML reader; the immutable
/// <see cref="StudySpecification"/> is built from it once every required part is present.
/// </summary>
internal sealed class SpecificationDocument
{
    public int Version { get; set; } = StudySpecification.CurrentVersion;

    public string Title { get; set; } = "";

    public CohortDocument? Cohort { get; set; }

    public List<DatasetDocument> Datasets { get; set; } = [];

    public DeliveryDocument Delivery { get; set; } = new();

    /// <param name="keys">Pseudonymizes identity codes on arrival; without it a specification listing them is refused.</param>
    public StudySpecification ToSpecification(string origin, IKeyStore? keys = null)
    {
        if (Cohort is null)
            throw new SpecificationException($"{origin}: 'cohort' is missing; say which patients the study is about.");

        var problems = new List<string>();
        var criteria = new CriterionReader(keys, problems, sealCodes: Delivery.IdentityCodes);
        var include = Cohort.Include is null ? null : criteria.Read(Cohort.Include, "cohort.include");
        var exclude = Cohort.Exclude is null ? null : criteria.Read(Cohort.Exclude, "cohort.exclude");
        if (problems.Count > 0)
            throw SpecificationValidator.Invalid(origin, problems);

        return new StudySpecification
        {
            Version = Version,
            Title = Title,
            Cohort = new CohortCriteria
            {
                Icd10 = Cohort.Icd10,
                Include = include,
                Exclude = exclude,
                From = Cohort.From,
                To = Cohort.To,
                Sex = Cohort.Sex,
                MinAge = Cohort.MinAge,
                MaxAge = Cohort.MaxAge,
            },
            Datasets = Datasets.Select((d, i) => new DatasetRequest
            {
                Register = d.Register ?? throw new SpecificationException($"{origin}: datasets[{i}].register is missing."),
                Columns = d.Columns,
                From = d.From,
                To = d.To,
                Filters = d.Filters.Select(f => new DatasetFilter { Column = f.Column ?? "", In = f.In, Min = f.Min, Max = f.Max }).ToList(),
                Terms = d.Terms,
                Specialties = d.Specialties,
            }).ToList(),
            Delivery = new DeliveryOptions
            {
                Csv = Delivery.Csv,
                Arrow = Delivery.Arrow,
                DatePrecision = Delivery.DatePrecision,
                ShiftMaxDays = Delivery.ShiftMaxDays,
                FreeText = Delivery.FreeText,
                IdentityCodes = Delivery.IdentityCodes,
                TransferTo = string.IsNullOrWhiteSpace(Delivery.TransferTo) ? null : Delivery.TransferTo.Trim(),
                Omop = Delivery.Omop,
            },
        };
    }

    internal sealed class CohortDocument
    {
        public List<string> Icd10 { get; set; } = [];

        public CriterionDocument? Include { get; set; }

        public CriterionDocument? Exclude { get; set; }

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public string? Sex { get; set; }

        public int? MinAge { get; set; }

        public int? MaxAge { get; set; }
    }

    internal sealed class DatasetDocument
    {
        public string? Register { get; set; }

        public List<string> Columns { get; set; } = [];

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public List<FilterDocument> Filters { get; set; } = [];

        public List<string> Terms { get; set; } = [];

        public List<string> Specialties { get; set; } = [];
    }

    internal sealed class FilterDocument
    {
        public string? Column { get; set; }

        public List<string> In { get; set; } = [];

        public double? Min { get; set; }

        public double? Max { get; set; }
    }

    internal sealed class DeliveryDocument
    {
        public bool Csv { get; set; }

        public bool Arrow { get; set; }

        public string DatePrecision { get; set; } = "exact";

        public int ShiftMaxDays { get; set; } = 180;

        public bool FreeText { get; set; }

        public bool IdentityCodes { get; set; }

        public string? TransferTo { get; set; }

        public bool Omop { get; set; }
    }
}
