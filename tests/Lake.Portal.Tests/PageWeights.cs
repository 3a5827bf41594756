using System.Collections.Concurrent;

namespace Lake.Portal.Tests;

/// <summary>
/// Every page the browser tests opened, with its weight and the server's time, written at the end
/// of the run to page-weights.md beside the screenshots and into the test output.
/// </summary>
internal static class PageWeights
{
    private static readonly ConcurrentQueue<PageVisit> Visits = new();

    public static void Record(PageVisit visit) => Visits.Enqueue(visit);

    public static string? Write(string folder)
    {
        if (Visits.IsEmpty)
            return null;
        var lines = new List<string>
        {
            "| page | language | status | page bytes | HTML bytes | CSS bytes | transferred | server ms | loaded ms |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        };
        lines.AddRange(Visits.Select(v =>
            $"| {v.Page} | {v.Language} | {v.Status} | {v.PageBytes} | {v.DocumentBytes} | {v.ResourceBytes} | {v.TransferBytes} | {v.ServerMilliseconds:F1} | {v.LoadedMilliseconds:F1} |"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "page-weights.md");
        File.WriteAllLines(file, lines);
        return file;
    }
}
