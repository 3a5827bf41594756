namespace Lake.Bench.Extraction;

/// <summary>One run of the extraction benchmark, as kept under bench/results.</summary>
internal sealed record ExtractionBenchResult
{
    public required DateTimeOffset MeasuredAt { get; init; }

    public string? Commit { get; init; }

    public required long LaboratoryRows { get; init; }

    public required long DiagnosisRows { get; init; }

    public required TimedPair Preliminary { get; init; }

    public required TimedPair Extraction { get; init; }

    public int LogicalCores { get; init; } = Environment.ProcessorCount;
}
