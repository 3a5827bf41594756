namespace Lake.Ingest.Mapping;

/// <summary>Names of the warning data-quality checks: the row is kept, the batch counts the warning.</summary>
public static class WarningChecks
{
    public const string ImplausibleValue = "implausible_value";
    public const string EndBeforeStart = "end_before_start";

    /// <summary>An identity code written inside free text, masked before the row was stored.</summary>
    public const string IdentityCodeInText = "identity_code_in_text";
}
