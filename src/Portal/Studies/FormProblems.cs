namespace Lake.Portal.Studies;

/// <summary>The problems of a posted form, looked up by field so each input can name its own (aria-describedby).</summary>
public sealed class FormProblems(IReadOnlyList<FormProblem> problems)
{
    public static FormProblems None { get; } = new([]);

    public IReadOnlyList<FormProblem> All => problems;

    public IEnumerable<FormProblem> For(string field) => problems.Where(p => p.FieldId == field);

    public bool Has(string field) => problems.Any(p => p.FieldId == field);

    /// <summary>The id of the message beside <paramref name="field"/>.</summary>
    public static string MessageId(string field) => field + "-problem";

    /// <summary>The ids that describe a field: its hint, and its problem when it has one; null for neither.</summary>
    public string? DescribedBy(string field, string? hint = null)
    {
        var ids = new[] { hint, Has(field) ? MessageId(field) : null }.Where(id => id is not null);
        return string.Join(' ', ids) is { Length: > 0 } joined ? joined : null;
    }

    public string? Invalid(string field) => Has(field) ? "true" : null;
}
