namespace Lake.Extract.Querying;

/// <summary>One committed file found damaged: where it is, whose it is, and how it differs from its commit record.</summary>
public sealed record DamagedLakeFile(string Register, string BatchId, string Path, string Problem)
{
    public string Describe() => $"The lake file '{Path}' of register {Register}, batch {BatchId}, {Problem}.";
}
