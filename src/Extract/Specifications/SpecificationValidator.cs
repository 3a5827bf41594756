using Lake.Contracts.Codes;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;

namespace Lake.Extract.Specifications;

/// <summary>
/// Checks a specification against the register catalog and sane bounds. Every value that later
/// reaches SQL is either checked here against the catalog (register and column names) or passed
/// as a parameter (codes, dates); nothing a researcher writes is pasted into a query.
/// </summary>
public static class SpecificationValidator
{
    public const int MaxCodes = 500;
    public const int MaxDatasets = 50;
    private static readonly DateOnly EarliestDate = new(1900, 1, 1);
    private static readonly DateOnly LatestDate = new(2100, 12, 31);

    public static void ThrowIfInvalid(StudySpecification specification, string origin)
    {
        var problems = Validate(specification).ToList();
        if (problems.Count > 0)
            throw new SpecificationException($"{origin} is not a valid specification:\n  - " + string.Join("\n  - ", problems));
    }

    public static IEnumerable<string> Validate(StudySpecification specification)
    {
        if (specification.Version != StudySpecification.CurrentVersion)
            yield return $"version: {specification.Version} is not supported; this Lake reads version {StudySpecification.CurrentVersion}.";

        var cohort = specification.Cohort;
        if (cohort.Icd10.Count == 0)
            yield return "cohort.icd10: list at least one ICD-10 code or prefix, e.g. [E11].";
        if (cohort.Icd10.Count > MaxCodes)
            yield return $"cohort.icd10: {cohort.Icd10.Count} codes; at most {MaxCodes} (use prefixes: E11 covers E11.0-E11.9).";
        for (var i = 0; i < Math.Min(cohort.Icd10.Count, MaxCodes); i++)
        {
            if (!Icd10Code.TryNormalizePrefix(cohort.Icd10[i] ?? "", out _))
                yield return $"cohort.icd10[{i}]: '{Shorten(cohort.Icd10[i])}' is not an ICD-10 code or prefix (a letter followed by digits, e.g. E11 or E11.9).";
        }

        foreach (var problem in ValidatePeriod("cohort", cohort.From, cohort.To))
            yield return problem;
        if (cohort.Sex is not (null or "male" or "female"))
            yield return $"cohort.sex: '{Shorten(cohort.Sex)}' must be male or female (or left out for both).";
        if (cohort.MinAge is < 0 or > 130 || cohort.MaxAge is < 0 or > 130 || cohort.MinAge > cohort.MaxAge)
            yield return "cohort.min_age/max_age: ages run from 0 to 130 and min_age may not exceed max_age.";

        if (specification.Datasets.Count > MaxDatasets)
            yield return $"datasets: {specification.Datasets.Count} entries; at most {MaxDatasets}.";
        for (var i = 0; i < Math.Min(specification.Datasets.Count, MaxDatasets); i++)
        {
            var dataset = specification.Datasets[i];
            if (!RegisterCatalog.TryGet(dataset.Register, out var register))
            {
                yield return $"datasets[{i}].register: '{Shorten(dataset.Register)}' is not a register; see 'lake registers' for the list.";
                continue;
            }

            foreach (var column in dataset.Columns.Where(c => register.Columns.All(rc => rc.Name != c)))
                yield return $"datasets[{i}].columns: '{Shorten(column)}' is not a column of {register.Name} ({string.Join(", ", register.Columns.Select(c => c.Name))}).";
            foreach (var problem in ValidatePeriod($"datasets[{i}]", dataset.From, dataset.To))
                yield return problem;
            foreach (var problem in DatasetRequestValidator.Validate($"datasets[{i}]", dataset, register))
                yield return problem;
        }

        if (specification.Delivery.DatePrecision is not ("exact" or "month" or "year" or "shift"))
            yield return $"delivery.date_precision: '{Shorten(specification.Delivery.DatePrecision)}' must be exact, month, year or shift.";
        if (specification.Delivery.ShiftMaxDays is < 1 or > 3650)
            yield return "delivery.shift_max_days: from 1 to 3650 days.";
        if (specification.Datasets.GroupBy(d => d.Register).Any(g => g.Count() > 1))
            yield return "datasets: a register is listed twice; list each register once.";
    }

    private static IEnumerable<string> ValidatePeriod(string path, DateOnly? from, DateOnly? to)
    {
        if (from < EarliestDate || from > LatestDate)
            yield return $"{path}.from: {from:yyyy-MM-dd} is outside 1900-2100.";
        if (to < EarliestDate || to > LatestDate)
            yield return $"{path}.to: {to:yyyy-MM-dd} is outside 1900-2100.";
        if (from > to)
            yield return $"{path}: from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}.";
    }

    /// <summary>Hostile input is echoed back only in part, so an error message cannot become a payload.</summary>
    internal static string Shorten(string? text) =>
        text is null ? "" : text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
