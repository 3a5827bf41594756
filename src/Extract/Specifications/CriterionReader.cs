using Lake.Contracts.Extraction;
using Lake.Pseudonymization;

namespace Lake.Extract.Specifications;

/// <summary>
/// Turns the criterion tree as written into the contract's tree, naming every structural mistake by
/// its field path (cohort.include.any[2].laboratory). Identity codes are validated and pseudonymized
/// here, on arrival: what leaves the reader holds tokens only, so neither the control plane, the
/// manifest, the bus nor the audit log ever sees a code.
/// </summary>
internal sealed class CriterionReader(IKeyStore? keys, List<string> problems, bool sealCodes = false)
{
    private static readonly string[] Kinds = ["all", "any", "not", "diagnosis", "procedure", "medication", "laboratory", "measurement", "quality_registry", "visit", "identity_codes"];

    private readonly Pseudonymizer? _pseudonymizer = keys is null ? null : new Pseudonymizer(keys);

    public CohortCriterion? Read(CriterionDocument? document, string path, int depth = 1)
    {
        if (document is null)
        {
            problems.Add($"{path}: empty; give one of {string.Join(", ", Kinds)}.");
            return null;
        }

        var given = Given(document).ToList();
        if (given.Count != 1)
        {
            problems.Add(given.Count == 0
                ? $"{path}: empty; give one of {string.Join(", ", Kinds)}."
                : $"{path}: give exactly one of {string.Join(", ", Kinds)} per entry, not {string.Join(" and ", given)}; put several inside 'all' or 'any'.");
            return null;
        }

        // The YAML nesting limit already bounds recursion; this bound names the field that breaks it.
        if (depth > SpecificationValidator.MaxDepth)
        {
            problems.Add($"{path}: criteria nest more than {SpecificationValidator.MaxDepth} levels deep; flatten the all/any/not tree.");
            return null;
        }

        return given[0] switch
        {
            "all" => new CohortCriterion { All = ReadParts(document.All!, $"{path}.all", depth) },
            "any" => new CohortCriterion { Any = ReadParts(document.Any!, $"{path}.any", depth) },
            "not" => new CohortCriterion { Not = Read(document.Not, $"{path}.not", depth + 1) },
            "diagnosis" => new CohortCriterion { Diagnosis = new DiagnosisCriterion { Icd10 = document.Diagnosis!.Icd10, Specialty = document.Diagnosis.Specialty, Window = Window(document.Diagnosis), Index = document.Diagnosis.Index } },
            "procedure" => new CohortCriterion { Procedure = new ProcedureCriterion { Codes = document.Procedure!.Codes, Window = Window(document.Procedure), Index = document.Procedure.Index } },
            "medication" => new CohortCriterion { Medication = new MedicationCriterion { Atc = document.Medication!.Atc, Window = Window(document.Medication), Index = document.Medication.Index } },
            "laboratory" => new CohortCriterion { Laboratory = new LaboratoryCriterion { TestCodes = document.Laboratory!.TestCodes, Min = document.Laboratory.Min, Max = document.Laboratory.Max, Window = Window(document.Laboratory), Index = document.Laboratory.Index } },
            "measurement" => new CohortCriterion { Measurement = new MeasurementCriterion { Register = document.Measurement!.Register, Codes = document.Measurement.Codes, Min = document.Measurement.Min, Max = document.Measurement.Max, Window = Window(document.Measurement), Index = document.Measurement.Index } },
            "quality_registry" => new CohortCriterion { QualityRegistry = new QualityRegistryCriterion { Registers = document.QualityRegistry!.Registers, Window = Window(document.QualityRegistry), Index = document.QualityRegistry.Index } },
            "visit" => new CohortCriterion { Visit = new VisitCriterion { Specialty = document.Visit!.Specialty, Window = Window(document.Visit), Index = document.Visit.Index } },
            _ => IdentityList(document.IdentityCodes!, $"{path}.identity_codes"),
        };
    }

    private List<CohortCriterion> ReadParts(List<CriterionDocument> parts, string path, int depth)
    {
        if (parts.Count == 0)
            problems.Add($"{path}: empty; list at least one criterion.");
        if (parts.Count > SpecificationValidator.MaxParts)
        {
            problems.Add($"{path}: {parts.Count} parts; at most {SpecificationValidator.MaxParts} (a code list inside one criterion takes up to {SpecificationValidator.MaxCodes} codes).");
            return [];
        }

        var read = new List<CohortCriterion>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            if (Read(parts[i], $"{path}[{i}]", depth + 1) is { } part)
                read.Add(part);
        }

        return read;
    }

    private CohortCriterion? IdentityList(List<string> codes, string path)
    {
        if (codes.Count == 0)
            problems.Add($"{path}: empty; list the patients' identity codes, or leave identity_codes out.");
        if (codes.Count > SpecificationValidator.MaxIdentityCodes)
        {
            problems.Add($"{path}: {codes.Count} identity codes; at most {SpecificationValidator.MaxIdentityCodes}. A larger population is better described by criteria.");
            return null;
        }

        var identities = new HashSet<LakeIdentity>();
        var valid = new List<Hetu>();
        var invalid = 0;
        for (var i = 0; i < codes.Count; i++)
        {
            if (!Hetu.TryParse(codes[i] ?? "", out var hetu, out var error))
            {
                // The reason never repeats the value: an error message is a log line too.
                if (invalid++ < 20)
                    problems.Add($"{path}[{i}]: {error.Describe()}.");
                continue;
            }

            if (_pseudonymizer is not null && identities.Add(_pseudonymizer.IdentityOf(hetu)))
                valid.Add(hetu);
        }

        if (invalid > 20)
            problems.Add($"{path}: {invalid} invalid identity codes in all; the first 20 are listed.");
        if (keys is null || _pseudonymizer is null) // Both or neither; testing both tells the nullable analysis so.
        {
            problems.Add($"{path}: identity codes are pseudonymized as the specification is read, and this reader was given no key ring; read the specification where the lake's key ring is available.");
            return null;
        }

        var keyId = keys.CurrentKeyId;
        var tokens = identities.Select(identity => _pseudonymizer.RegisterPseudonym(IdentityListCriterion.Purpose, identity, keyId)).Order().ToList();
        // Sealed in sorted order of the sealed values, so the same list always gives the same specification.
        var sealedCodes = sealCodes ? valid.Select(hetu => _pseudonymizer.SealIdentityCode(hetu, keyId)).Order().ToList() : null;
        return new CohortCriterion { IdentityList = new IdentityListCriterion { KeyId = keyId, Tokens = tokens, ListedCount = codes.Count, SealedCodes = sealedCodes } };
    }

    private static EventWindow Window(CriterionDocument.EventDocument leaf) => new()
    {
        From = leaf.From,
        To = leaf.To,
        WithinDaysBeforeIndex = leaf.WithinDaysBeforeIndex,
        WithinDaysAfterIndex = leaf.WithinDaysAfterIndex,
    };

    private static IEnumerable<string> Given(CriterionDocument document)
    {
        object?[] members = [document.All, document.Any, document.Not, document.Diagnosis, document.Procedure, document.Medication, document.Laboratory, document.Measurement, document.QualityRegistry, document.Visit, document.IdentityCodes];
        return Kinds.Where((_, i) => members[i] is not null);
    }
}
