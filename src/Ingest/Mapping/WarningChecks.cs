namespace Lake.Ingest.Mapping;

/// <summary>Names of the warning data-quality checks: the row is kept, the batch counts the warning.</summary>
public static class WarningChecks
{
    public const string ImplausibleValue = "implausible_value";
    public const string EndBeforeStart = "end_before_start";
}
