using Lake.Contracts.Extraction;

namespace Lake.Extract.Disclosure;

/// <summary>
/// The disclosure rules of the service, set by the data service in configuration (section
/// <c>Disclosure</c>), never by the person asking: the suppression threshold, the rule for zero
/// cells, the differencing ledger's memory and the query budget. Every answer records
/// <see cref="Version"/> in the audit log, so a count can be traced to the rules it was shown under.
/// </summary>
public sealed record DisclosurePolicy
{
    public const string SectionName = "Disclosure";

    /// <summary>Names this set of rules in the audit log; change it whenever a rule changes.</summary>
    public string Version { get; init; } = "lake-default-1";

    /// <summary>Counts from 1 to this are suppressed.</summary>
    public int Threshold { get; init; } = 5;

    public ZeroCells ZeroCells { get; init; } = ZeroCells.HiddenWhenOneGroupHoldsAll;

    /// <summary>How long the differencing ledger remembers an answer.</summary>
    public TimeSpan LedgerRetention { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Preliminary studies one person may ask within <see cref="BudgetWindow"/>.</summary>
    public int QueriesPerSubject { get; init; } = 50;

    /// <summary>Preliminary studies one research group (the people sharing a permit) may ask within <see cref="BudgetWindow"/>.</summary>
    public int QueriesPerGroup { get; init; } = 150;

    public TimeSpan BudgetWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The rules a worker needs to show counts exactly as this policy does.</summary>
    public PreliminaryDisclosure ToMessage() => new() { Version = Version, Threshold = Threshold, ZeroCells = ZeroCells.ToString() };

    /// <summary>The policy of <paramref name="rules"/>; the ledger and budget settings stay the coordinator's.</summary>
    /// <exception cref="ArgumentException">The zero-cell rule is not one this version knows.</exception>
    public static DisclosurePolicy FromMessage(PreliminaryDisclosure rules) => new()
    {
        Version = rules.Version,
        Threshold = rules.Threshold,
        ZeroCells = Enum.TryParse<ZeroCells>(rules.ZeroCells, out var zeroCells) && Enum.IsDefined(zeroCells)
            ? zeroCells
            : throw new ArgumentException($"The zero-cell rule '{rules.ZeroCells}' is not one this worker knows; run workers of the coordinator's version."),
    };

    /// <summary>The problems of a configured policy, for a start-up that refuses to run with them.</summary>
    public IEnumerable<string> Problems()
    {
        if (Threshold < 1)
            yield return $"Disclosure:Threshold is {Threshold}; it must be 1 or more.";
        if (string.IsNullOrWhiteSpace(Version))
            yield return "Disclosure:Version must name the rules, e.g. 2026-12-hospital-1.";
        if (QueriesPerSubject < 1 || QueriesPerGroup < QueriesPerSubject)
            yield return "Disclosure:QueriesPerSubject must be 1 or more, and Disclosure:QueriesPerGroup at least as many.";
        if (BudgetWindow <= TimeSpan.Zero || LedgerRetention < BudgetWindow)
            yield return "Disclosure:BudgetWindow must be positive and Disclosure:LedgerRetention at least as long.";
    }
}
