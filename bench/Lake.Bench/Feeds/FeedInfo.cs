namespace Lake.Bench.Feeds;

/// <summary>What a generated feed holds; kept beside the cached feed so a reused one is described without reading it.</summary>
internal sealed record FeedInfo(long Rows, long Bytes, int Persons, int DistinctPersons, ulong Seed, int GeneratorVersion);
