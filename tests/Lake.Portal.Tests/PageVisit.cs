namespace Lake.Portal.Tests;

/// <summary>
/// One page as the browser's Navigation Timing saw it: HTTP status, the HTML's bytes, the bytes of
/// what it loaded besides (the stylesheet), what crossed the wire, and how long the server took
/// from request to first byte.
/// </summary>
internal sealed record PageVisit(string Page, string Language, int Status, long DocumentBytes, long ResourceBytes, long TransferBytes, double ServerMilliseconds, double LoadedMilliseconds)
{
    public long PageBytes => DocumentBytes + ResourceBytes;

    public override string ToString() =>
        $"{Page} [{Language}] {Status}: {PageBytes:N0} bytes ({DocumentBytes:N0} HTML + {ResourceBytes:N0} CSS; {TransferBytes:N0} transferred), server {ServerMilliseconds:F1} ms, loaded {LoadedMilliseconds:F1} ms";
}
