namespace Lake.Testing;

/// <summary>Whose broker user a test connects as: one of Lake's roles, or the harness itself.</summary>
public enum BrokerRole
{
    /// <summary>The tests' own checks: probe queues, error queues, an observer of events. Not a Lake process.</summary>
    Admin,

    /// <summary><c>lake serve</c>.</summary>
    Coordinator,

    /// <summary><c>lake worker</c>.</summary>
    Worker,

    /// <summary><c>lake ingest-worker</c> and <c>lake ingest --submit</c>.</summary>
    Ingest,
}
