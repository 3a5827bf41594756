namespace Lake.Cli;

/// <summary>Which part of distributed extraction a process plays; the single-process mode plays both.</summary>
[Flags]
internal enum ExtractionRoles
{
    /// <summary>Plans requests, records task completions, assembles deliveries (`lake serve`).</summary>
    Coordinator = 1,

    /// <summary>Writes datasets (`lake worker`); stateless, any number on any host that sees the lake and delivery storage.</summary>
    Worker = 2,

    /// <summary>The embedded default: one process, the in-memory bus.</summary>
    SingleProcess = Coordinator | Worker,
}
