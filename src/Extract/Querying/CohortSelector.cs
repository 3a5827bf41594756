using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Pseudonymization;

namespace Lake.Extract.Querying;

/// <summary>
/// Finds the patients a specification's cohort criteria describe. Each leaf criterion is one
/// parameterised query over its register (see <see cref="CriterionCompiler"/>), grouped by pseudonym
/// in DuckDB so each distinct pseudonym is turned back into a lake identity once, in memory; the
/// and/or/not tree is then combined over those sets. Birth and sex come from the patient
/// background register through a pseudonym map of its own.
/// </summary>
public sealed partial class CohortSelector(LakeQuerySession session, Pseudonymizer pseudonymizer)
{
    public IReadOnlyList<CohortMember> Select(CohortCriteria criteria)
    {
        var include = CohortTree.Inclusion(criteria);
        // One inclusion object throughout: the shorthand makes a new one per call, and leaves are found by reference.
        var leaves = CohortTree.Leaves(include).Concat(criteria.Exclude is null ? [] : CohortTree.Leaves(criteria.Exclude)).ToList();
        var compiler = new CriterionCompiler(session, criteria.From, criteria.To);
        var matches = new Dictionary<CohortCriterion, CriterionMatches>(ReferenceEqualityComparer.Instance);

        // Absolute leaves first: the index criterion is one of them, and relative windows need its dates.
        foreach (var leaf in leaves.Where(l => CohortTree.EventOf(l) is not { Window: var w } || !CohortTree.IsRelative(w)))
            matches[leaf] = Absolute(leaf, compiler);

        var indexLeaf = leaves.FirstOrDefault(l => CohortTree.EventOf(l) is { Index: true });
        var relative = leaves.Where(l => !matches.ContainsKey(l)).ToList();
        if (relative.Count > 0)
        {
            var candidates = IndexCandidates(matches[indexLeaf ?? throw new InvalidOperationException("A window relative to the index date needs an index criterion; the validator should have refused this cohort.")]);
            foreach (var leaf in relative)
                matches[leaf] = Relative(leaf, compiler, candidates);
        }

        var cohort = Evaluate(include, matches);
        if (criteria.Exclude is not null)
            cohort = cohort.Except(Evaluate(criteria.Exclude, matches));

        var members = new List<CohortMember>(cohort.Count);
        foreach (var (identity, first) in cohort.Entries)
        {
            var index = indexLeaf is null ? first : matches[indexLeaf].FirstEvent(identity);
            if (index is { } time)
                members.Add(new CohortMember(identity, time, null, null));
        }

        members = WithBackground(members);
        return members
            .Where(m => criteria.Sex is null || m.Sex == criteria.Sex)
            .Where(m => criteria.MinAge is null || m.AgeAtIndex >= criteria.MinAge)
            .Where(m => criteria.MaxAge is null || m.AgeAtIndex <= criteria.MaxAge)
            .ToList();
    }

    private static CriterionMatches Evaluate(CohortCriterion node, Dictionary<CohortCriterion, CriterionMatches> matches)
    {
        if (node.Any is { } any)
            return any.Select(p => Evaluate(p, matches)).Aggregate((a, b) => a.Union(b));
        if (node.All is not { } all)
            return matches[node];

        // Smallest part first, so each intersection walks as few patients as it can.
        var positive = all.Where(p => p.Not is null).Select(p => Evaluate(p, matches)).OrderBy(m => m.Count).Aggregate((a, b) => a.Intersect(b));
        return all.Where(p => p.Not is not null).Aggregate(positive, (result, p) => result.Except(Evaluate(p.Not!, matches)));
    }

    private CriterionMatches Absolute(CohortCriterion leaf, CriterionCompiler compiler)
    {
        if (leaf.IdentityList is { } list)
        {
            var listed = new CriterionMatches();
            foreach (var token in list.Tokens)
                listed.Add(pseudonymizer.RevealIdentity(IdentityListCriterion.Purpose, list.KeyId, token), null);
            return listed;
        }

        var result = new CriterionMatches();
        foreach (var scan in compiler.Compile(leaf))
        {
            using var command = session.Command(
                $"""
                SELECT r.pseudonym, r.key_id, min({scan.EventTime})
                FROM {SqlText.Identifier(scan.Register)} r
                WHERE {scan.Filter}
                GROUP BY r.pseudonym, r.key_id
                """,
                [.. scan.Parameters]);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                result.Add(pseudonymizer.RevealIdentity(scan.Register, (int)reader.GetInt64(1), reader.GetGuid(0)), reader.GetDateTime(2));
        }

        return result;
    }
}
