using Lake.Ingest.Mapping;

namespace Lake.Ingest;

/// <summary>
/// Turns what a feed identifies its patients by, when that is not the identity code itself, into
/// the identity code: a local patient number through a crosswalk, a FHIR reference through the
/// Patient resources ingested before. The code is then validated and pseudonymized like any other.
/// </summary>
internal interface IIdentityResolver
{
    /// <summary>The identity code and the days to shift the row's dates by, or why the row's patient is not known.</summary>
    Rejection? Resolve(ReadOnlySpan<char> key, out string identityCode, out int shiftDays);
}
