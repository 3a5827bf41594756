using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Extract.Delivery;
using Lake.Pseudonymization;

namespace Lake.Extract.Specifications;

/// <summary>
/// Checks a specification against the register catalog and sane bounds. Every value that later
/// reaches SQL is either checked here against the catalog (register and column names) or passed
/// as a parameter (codes, dates); nothing a researcher writes is pasted into a query.
/// </summary>
public static class SpecificationValidator
{
    public const int MaxCodes = 500;

    /// <summary>Levels of all/any/not: real criteria need three or four; more is a mistake or an attack.</summary>
    public const int MaxDepth = 8;

    public const int MaxParts = 64;

    /// <summary>Leaf criteria in a cohort; each is one query over its register.</summary>
    public const int MaxLeaves = 100;

    /// <summary>A researcher's list of patients; more than this is a population, better described by criteria.</summary>
    public const int MaxIdentityCodes = 10_000;

    /// <summary>Windows relative to the index date reach at most a century either way.</summary>
    public const int MaxWindowDays = 36_525;

    public const int MaxDatasets = 50;
    private static readonly DateOnly EarliestDate = new(1900, 1, 1);
    private static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <param name="registers">The lake's registers; the shipped ones when null.</param>
    public static void ThrowIfInvalid(StudySpecification specification, string origin, RegisterCatalog? registers = null)
    {
        var problems = Validate(specification, registers).ToList();
        if (problems.Count > 0)
            throw Invalid(origin, problems);
    }

    internal static SpecificationException Invalid(string origin, IReadOnlyList<string> problems) =>
        new($"{origin} is not a valid specification:\n  - " + string.Join("\n  - ", problems));

    /// <param name="registers">The lake's registers; the shipped ones when null.</param>
    public static IEnumerable<string> Validate(StudySpecification specification, RegisterCatalog? registers = null)
    {
        registers ??= RegisterCatalog.Shipped;
        if (specification.Version != StudySpecification.CurrentVersion)
            yield return $"version: {specification.Version} is not supported; this Lake reads version {StudySpecification.CurrentVersion}.";

        // The title is audited, shown and delivered in the manifest; patients are listed under identity_codes, which are pseudonymized.
        HetuText.Mask(specification.Title, out var codesInTitle);
        if (codesInTitle > 0)
            yield return "title: contains an identity code; a title is logged and delivered, so describe the study without naming patients (list patients under cohort identity_codes).";

        var cohort = specification.Cohort;
        foreach (var problem in CohortValidator.Validate(cohort, registers))
            yield return problem;

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
            if (!registers.TryGet(dataset.Register, out var register))
            {
                yield return $"datasets[{i}].register: '{Shorten(dataset.Register)}' is not a register; {registers.DidYouMean(Shorten(dataset.Register)) ?? "see 'lake registers' for the list."}";
                continue;
            }

            foreach (var column in dataset.Columns.Where(c => register.Columns.All(rc => rc.Name != c && !rc.Aliases.Contains(c))))
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
        // Which environments exist is the data service's configuration, checked at submission; here only the name's form.
        if (specification.Delivery.TransferTo is { } target && !TransferTargetName.IsValid(target))
            yield return $"delivery.transfer_to: '{Shorten(target)}' is not the name of a secure environment ({TransferTargetName.Rule}).";
        foreach (var problem in Omop.OmopRequestCheck.Validate(specification, registers))
            yield return problem;
        if (specification.Datasets.GroupBy(d => d.Register).Any(g => g.Count() > 1))
            yield return "datasets: a register is listed twice; list each register once.";
    }

    internal static IEnumerable<string> ValidatePeriod(string path, DateOnly? from, DateOnly? to)
    {
        if (from < EarliestDate || from > LatestDate)
            yield return $"{path}.from: {from:yyyy-MM-dd} is outside 1900-2100.";
        if (to < EarliestDate || to > LatestDate)
            yield return $"{path}.to: {to:yyyy-MM-dd} is outside 1900-2100.";
        if (from > to)
            yield return $"{path}: from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}.";
    }

    /// <summary>
    /// Hostile input is echoed back only in part, so an error message cannot become a payload, and
    /// with identity codes masked: a code pasted into the wrong list must not reach a log through its error.
    /// </summary>
    internal static string Shorten(string? text)
    {
        var masked = HetuText.Mask(text ?? "", out _);
        return masked.Length <= 40 ? masked : string.Concat(masked.AsSpan(0, 40), "…");
    }
}
