using System.Globalization;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Extract.Querying;

namespace Lake.Extract.Specifications;

/// <summary>
/// Checks a cohort's criteria, naming each problem by its field path (cohort.include.any[2].laboratory.min).
/// Codes must have their code system's shape, registers must be in the catalog, lists and trees are
/// bounded, and windows must make sense: a specification is checked whole before any query runs.
/// </summary>
internal static class CohortValidator
{
    public static IEnumerable<string> Validate(CohortCriteria cohort, RegisterCatalog registers)
    {
        var problems = new List<string>();
        if (cohort.Include is not null && cohort.Icd10.Count > 0)
            problems.Add("cohort: use either icd10 (the shorthand for one diagnosis criterion) or include (a criterion tree), not both.");
        else if (cohort.Include is null && cohort.Icd10.Count == 0)
            problems.Add("cohort.icd10: list at least one ICD-10 code or prefix, e.g. [E11], or give 'include' with a criterion tree.");
        else if (cohort.Include is null)
            Codes(problems, "cohort.icd10", cohort.Icd10, "an ICD-10 code or prefix (a letter followed by digits, e.g. E11 or E11.9)", c => CriterionCodes.TryIcd10Prefix(c, out _), "use prefixes: E11 covers E11.0-E11.9");

        var include = CohortTree.Inclusion(cohort);
        var walker = new Walker(problems, registers);
        if (cohort.Include is not null)
            walker.Node(cohort.Include, "cohort.include", depth: 1, required: true);
        if (cohort.Exclude is not null)
            walker.Node(cohort.Exclude, "cohort.exclude", depth: 1, required: false);
        if (problems.Count > 0)
            return problems;

        if (walker.Leaves > SpecificationValidator.MaxLeaves)
            problems.Add($"cohort: {walker.Leaves} criteria in all; at most {SpecificationValidator.MaxLeaves}.");
        if (walker.IndexPaths.Count > 1)
            problems.Add($"cohort: {string.Join(" and ", walker.IndexPaths)} are both marked index; mark one criterion, whose first event is the index date.");
        if (walker.RelativePaths.Count > 0 && walker.IndexPaths.Count == 0)
            problems.Add($"{walker.RelativePaths[0]}: a window relative to the index date needs one criterion marked 'index: true', whose first event is the index date.");
        if (!CohortTree.IsDated(include))
            problems.Add("cohort.include: some patients would match without any dated event (identity_codes has no dates), so they have no index date; put a dated criterion beside the list in an 'all', e.g. visit: {} for the first visit.");
        return problems;
    }

    private static void Codes(List<string> problems, string path, IReadOnlyList<string> codes, string shape, Func<string, bool> isValid, string hint, bool required = true, string noun = "codes")
    {
        if (required && codes.Count == 0)
            problems.Add($"{path}: list at least one.");
        if (codes.Count > SpecificationValidator.MaxCodes)
        {
            problems.Add($"{path}: {codes.Count} {noun}; at most {SpecificationValidator.MaxCodes} ({hint}).");
            return;
        }

        for (var i = 0; i < codes.Count; i++)
        {
            if (!isValid(codes[i] ?? ""))
                problems.Add($"{path}[{i}]: '{SpecificationValidator.Shorten(codes[i])}' is not {shape}.");
        }
    }

    private sealed class Walker(List<string> problems, RegisterCatalog registers)
    {
        public int Leaves { get; private set; }

        public List<string> IndexPaths { get; } = [];

        public List<string> RelativePaths { get; } = [];

        /// <param name="required">Every cohort member meets this node (the inclusion and its 'all' parts): only such a criterion can give the index date.</param>
        public void Node(CohortCriterion node, string path, int depth, bool required)
        {
            if (depth > SpecificationValidator.MaxDepth)
            {
                problems.Add($"{path}: criteria nest more than {SpecificationValidator.MaxDepth} levels deep; flatten the all/any/not tree.");
                return;
            }

            object?[] kinds = [node.All, node.Any, node.Not, node.Diagnosis, node.Procedure, node.Medication, node.Laboratory, node.Measurement, node.QualityRegistry, node.Visit, node.IdentityList];
            if (kinds.Count(k => k is not null) != 1)
            {
                problems.Add($"{path}: give exactly one of all, any, not, diagnosis, procedure, medication, laboratory, measurement, quality_registry, visit or identity_codes.");
                return;
            }

            if (node.All is { } all)
                Parts(all, path + ".all", depth, required, allowNot: true);
            else if (node.Any is { } any)
                Parts(any, path + ".any", depth, required: false, allowNot: false);
            else if (node.Not is not null)
                problems.Add($"{path}.not: 'not' stands only inside an 'all' beside a positive criterion (patients with X and not Y), or use cohort.exclude.");
            else
                Leaf(node, path, required);
        }

        private void Parts(IReadOnlyList<CohortCriterion> parts, string path, int depth, bool required, bool allowNot)
        {
            if (parts.Count == 0)
                problems.Add($"{path}: empty; list at least one criterion.");
            if (parts.Count > SpecificationValidator.MaxParts)
            {
                problems.Add($"{path}: {parts.Count} parts; at most {SpecificationValidator.MaxParts}.");
                return;
            }

            if (allowNot && parts.Count > 0 && parts.All(p => p.Not is not null))
                problems.Add($"{path}: every part is a 'not'; an 'all' needs a positive criterion to take patients away from.");
            for (var i = 0; i < parts.Count; i++)
            {
                var partPath = $"{path}[{i}]";
                if (allowNot && parts[i].Not is { } negated)
                {
                    if (negated.Not is not null)
                        problems.Add($"{partPath}.not: a 'not' of a 'not'; write the criterion itself.");
                    else
                        Node(negated, partPath + ".not", depth + 1, required: false);
                }
                else
                {
                    Node(parts[i], partPath, depth + 1, required);
                }
            }
        }

        private void Leaf(CohortCriterion leaf, string path, bool required)
        {
            Leaves++;
            switch (leaf)
            {
                case { Diagnosis: { } d }:
                    path += ".diagnosis";
                    Codes(problems, path + ".icd10", d.Icd10, "an ICD-10 code or prefix (a letter followed by digits, e.g. E11 or E11.9)", c => CriterionCodes.TryIcd10Prefix(c, out _), "use prefixes: E11 covers E11.0-E11.9");
                    Specialties(path + ".specialty", d.Specialty);
                    break;
                case { Procedure: { } p }:
                    path += ".procedure";
                    Codes(problems, path + ".codes", p.Codes, "a NOMESCO procedure code or prefix (a letter, then up to six letters or digits, e.g. JJ1LE or JJ)", c => CriterionCodes.TryProcedurePrefix(c, out _), "use prefixes: JJ1 covers JJ1LE");
                    break;
                case { Medication: { } m }:
                    path += ".medication";
                    Codes(problems, path + ".atc", m.Atc, "an ATC code or prefix (A, A10, A10B, A10BA or A10BA02)", c => CriterionCodes.TryAtcPrefix(c, out _), "use prefixes: A10B covers every A10B* medicine");
                    break;
                case { Laboratory: { } l }:
                    path += ".laboratory";
                    Codes(problems, path + ".test_codes", l.TestCodes, "a laboratory examination number (letters and digits, e.g. 2095)", CriterionCodes.IsLaboratoryTestCode, "ask for the examinations the study needs");
                    Bounds(path, l.Min, l.Max);
                    break;
                case { Measurement: { } measured }:
                    path += ".measurement";
                    if (!registers.TryGet(measured.Register, out var register) || register.Measurement is null)
                    {
                        var measurementRegisters = registers.All.Where(r => r.Measurement is not null).Select(r => r.Name).ToList();
                        problems.Add($"{path}.register: '{SpecificationValidator.Shorten(measured.Register)}' is not a register of measurements; those are {(measurementRegisters.Count == 0 ? "none yet" : string.Join(", ", measurementRegisters))} (a register file's 'measurement' setting makes one).");
                    }

                    Codes(problems, path + ".codes", measured.Codes, "a measurement code (letters and digits, with - or _ inside, e.g. LVEF)", CriterionCodes.IsLaboratoryTestCode, "list the quantities the study needs");
                    Bounds(path, measured.Min, measured.Max);
                    break;
                case { QualityRegistry: { } q }:
                    path += ".quality_registry";
                    Codes(problems, path + ".registers", q.Registers, "a quality registry of the catalog (qr_diabetes, qr_stroke, ...; see 'lake registers')", IsQualityRegistry, "list the registries the study needs", noun: "registries");
                    break;
                case { Visit: { } v }:
                    path += ".visit";
                    Specialties(path + ".specialty", v.Specialty);
                    break;
                case { IdentityList: { } list }:
                    if (list.Tokens.Count is 0 or > SpecificationValidator.MaxIdentityCodes)
                        problems.Add($"{path}.identity_codes: from 1 to {SpecificationValidator.MaxIdentityCodes} patients.");
                    return;
            }

            var (window, index) = CohortTree.EventOf(leaf)!.Value;
            Window(path, window);
            if (CohortTree.IsRelative(window))
                RelativePaths.Add(path);
            if (!index)
                return;
            IndexPaths.Add(path);
            if (!required)
                problems.Add($"{path}.index: only a criterion every cohort member meets can give the index date: the inclusion itself or a part of its 'all', not inside 'any', 'not' or the exclusion.");
            if (CohortTree.IsRelative(window))
                problems.Add($"{path}.index: the index criterion cannot have a window relative to the index date it defines.");
        }

        private void Specialties(string path, IReadOnlyList<string> names) =>
            Codes(problems, path, names, "a specialty name (letters, digits and spaces, up to 80 characters)", CriterionCodes.IsSpecialty, "list the specialties the study needs", required: false, noun: "specialties");

        private void Window(string path, EventWindow window)
        {
            problems.AddRange(SpecificationValidator.ValidatePeriod(path, window.From, window.To));
            if (window.WithinDaysBeforeIndex is < 0 or > SpecificationValidator.MaxWindowDays)
                problems.Add($"{path}.within_days_before_index: {window.WithinDaysBeforeIndex} days; from 0 to {SpecificationValidator.MaxWindowDays} (100 years).");
            if (window.WithinDaysAfterIndex is < 0 or > SpecificationValidator.MaxWindowDays)
                problems.Add($"{path}.within_days_after_index: {window.WithinDaysAfterIndex} days; from 0 to {SpecificationValidator.MaxWindowDays} (100 years).");
        }

        private void Bounds(string path, double? min, double? max)
        {
            if (min is { } low && !double.IsFinite(low))
                problems.Add($"{path}.min: must be a finite number.");
            if (max is { } high && !double.IsFinite(high))
                problems.Add($"{path}.max: must be a finite number.");
            if (min > max)
                problems.Add($"{path}.min: {min.Value.ToString(CultureInfo.InvariantCulture)} is above max {max.Value.ToString(CultureInfo.InvariantCulture)}; no result could match.");
        }

        private bool IsQualityRegistry(string name) =>
            registers.TryGet(name, out var register) && register.Kind == RegisterKind.QualityRegistry;
    }
}
