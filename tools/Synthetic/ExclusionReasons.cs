namespace Lake.Synthetic;

/// <summary>Why a synthetic row must be kept out of the lake by its source descriptor's filters.</summary>
public static class ExclusionReasons
{
    /// <summary>Sexual assault records: removed from patient record texts before they reach the lake.</summary>
    public const string SexualAssault = "sexual_assault";
}
