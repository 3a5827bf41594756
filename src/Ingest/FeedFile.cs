using Lake.Contracts.Files;

namespace Lake.Ingest;

/// <summary>A feed is a regular file: /dev/zero would be read for ever, and opening a FIFO waits for a writer.</summary>
internal static class FeedFile
{
    /// <exception cref="FeedException">Nothing is there, or it is not a regular file.</exception>
    public static void Require(string path)
    {
        try
        {
            RegularFile.Require(path, "Feed");
        }
        catch (Exception e) when (e is FileNotFoundException or RefusedPathException)
        {
            throw new FeedException(e.Message);
        }
    }
}
