using Lake.Pseudonymization;

namespace Lake.Extract.Querying;

/// <summary>
/// The patients a criterion matches, each with its first matching event (null for a listed
/// patient, who has no event). Combined with and/or/not in memory: a cohort is at most a few
/// hundred thousand patients, which a dictionary handles in milliseconds, while the millions of
/// rows behind it never leave DuckDB.
/// </summary>
internal sealed class CriterionMatches
{
    private readonly Dictionary<LakeIdentity, DateTime?> _first;

    public CriterionMatches(Dictionary<LakeIdentity, DateTime?> first) => _first = first;

    public CriterionMatches()
        : this([])
    {
    }

    public int Count => _first.Count;

    public IEnumerable<LakeIdentity> Identities => _first.Keys;

    public IEnumerable<KeyValuePair<LakeIdentity, DateTime?>> Entries => _first;

    public bool Contains(LakeIdentity identity) => _first.ContainsKey(identity);

    public DateTime? FirstEvent(LakeIdentity identity) => _first.GetValueOrDefault(identity);

    /// <summary>Keeps the earlier event when the patient is already there.</summary>
    public void Add(LakeIdentity identity, DateTime? time) =>
        _first[identity] = _first.TryGetValue(identity, out var earlier) ? Earliest(earlier, time) : time;

    /// <summary>And: the patients in both, with the earlier of their two first events.</summary>
    public CriterionMatches Intersect(CriterionMatches other)
    {
        var (small, large) = Count <= other.Count ? (this, other) : (other, this);
        var result = new Dictionary<LakeIdentity, DateTime?>(small.Count);
        foreach (var (identity, time) in small._first)
        {
            if (large._first.TryGetValue(identity, out var otherTime))
                result[identity] = Earliest(time, otherTime);
        }

        return new CriterionMatches(result);
    }

    /// <summary>Or: the patients in either, with their earliest event.</summary>
    public CriterionMatches Union(CriterionMatches other)
    {
        var result = new CriterionMatches(new Dictionary<LakeIdentity, DateTime?>(_first));
        foreach (var (identity, time) in other._first)
            result.Add(identity, time);
        return result;
    }

    /// <summary>And not: the patients not in <paramref name="other"/>.</summary>
    public CriterionMatches Except(CriterionMatches other) =>
        new(_first.Where(p => !other._first.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value));

    private static DateTime? Earliest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
