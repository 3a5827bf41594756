namespace Lake.Contracts.Files;

/// <summary>What a path names, as the operating system sees it without following a final link.</summary>
public enum FileType
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,

    /// <summary>A device, FIFO or socket: reading one may never end or may block forever.</summary>
    Special,

    /// <summary>The platform gave no answer (not Linux); treated as the kind the caller expects.</summary>
    Unknown,
}
