using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;

namespace Lake.Extract.Querying;

/// <summary>
/// Reading a cohort's criterion tree: the inclusion it stands for (the icd10 shorthand is a
/// diagnosis criterion), its leaves, and the registers they read.
/// </summary>
internal static class CohortTree
{
    /// <summary>The inclusion criterion; the shorthand <c>icd10: [E11]</c> is a diagnosis criterion giving the index date.</summary>
    public static CohortCriterion Inclusion(CohortCriteria criteria) =>
        criteria.Include ?? new CohortCriterion { Diagnosis = new DiagnosisCriterion { Icd10 = criteria.Icd10 } };

    public static IEnumerable<CohortCriterion> Parts(CohortCriterion node) =>
        node.All ?? node.Any ?? (node.Not is null ? [] : [node.Not]);

    public static bool IsCombination(CohortCriterion node) => node.All is not null || node.Any is not null || node.Not is not null;

    /// <summary>Every leaf of the tree, depth first.</summary>
    public static IEnumerable<CohortCriterion> Leaves(CohortCriterion node) =>
        IsCombination(node) ? Parts(node).SelectMany(Leaves) : [node];

    /// <summary>The leaves of the inclusion and the exclusion.</summary>
    public static IEnumerable<CohortCriterion> Leaves(CohortCriteria criteria) =>
        Leaves(Inclusion(criteria)).Concat(criteria.Exclude is null ? [] : Leaves(criteria.Exclude));

    /// <summary>The window and index mark of an event leaf; null for the identity list, which has no events.</summary>
    public static (EventWindow Window, bool Index)? EventOf(CohortCriterion leaf) => leaf switch
    {
        { Diagnosis: { } d } => (d.Window, d.Index),
        { Procedure: { } p } => (p.Window, p.Index),
        { Medication: { } m } => (m.Window, m.Index),
        { Laboratory: { } l } => (l.Window, l.Index),
        { Measurement: { } m } => (m.Window, m.Index),
        { QualityRegistry: { } q } => (q.Window, q.Index),
        { Visit: { } v } => (v.Window, v.Index),
        _ => null,
    };

    public static bool IsRelative(EventWindow window) => window.WithinDaysBeforeIndex is not null || window.WithinDaysAfterIndex is not null;

    /// <summary>The registers a leaf reads.</summary>
    public static IEnumerable<string> RegistersOf(CohortCriterion leaf) => leaf switch
    {
        { Diagnosis: not null } => [RegisterNames.Diagnosis],
        { Procedure: not null } => [RegisterNames.Procedure],
        { Medication: not null } => [RegisterNames.Medication],
        { Laboratory: not null } => [RegisterNames.Laboratory],
        { Measurement: { } m } => [m.Register],
        { QualityRegistry: { } q } => q.Registers,
        { Visit: not null } => [RegisterNames.Visit],
        _ => [],
    };

    /// <summary>The registers the cohort reads: those of its leaves, and the background when sex or age is asked.</summary>
    public static IEnumerable<string> RegistersRead(CohortCriteria criteria)
    {
        var registers = Leaves(criteria).SelectMany(RegistersOf);
        if (criteria.Sex is not null || criteria.MinAge is not null || criteria.MaxAge is not null)
            registers = registers.Append(RegisterNames.PatientBackground);
        return registers.Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether every patient the node matches has a dated event from it: a leaf over a register does,
    /// a list of identity codes does not, 'all' does when a positive part does, 'any' when every part does.
    /// </summary>
    public static bool IsDated(CohortCriterion node) => node switch
    {
        { All: { } all } => all.Any(p => p.Not is null && IsDated(p)),
        { Any: { } any } => any.Count > 0 && any.All(IsDated),
        { Not: not null } => false,
        _ => EventOf(node) is not null,
    };
}
