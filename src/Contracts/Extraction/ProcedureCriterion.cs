namespace Lake.Contracts.Extraction;

/// <summary>A procedure whose NOMESCO code starts with one of <see cref="Codes"/> (JJ1 covers JJ1LE).</summary>
public sealed record ProcedureCriterion
{
    public IReadOnlyList<string> Codes { get; init; } = [];

    public EventWindow Window { get; init; } = new();

    /// <summary>The first matching event is the patient's index date.</summary>
    public bool Index { get; init; }
}
