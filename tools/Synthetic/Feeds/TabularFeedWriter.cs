using System.IO.Compression;

namespace Lake.Synthetic.Feeds;

/// <summary>
/// Streams a feed to disk: header, then good and defect records in the order the schedule says,
/// counting physical lines so the truth names the line where each record starts.
/// </summary>
internal static class TabularFeedWriter
{
    private const int BufferSize = 1 << 16;

    public static FeedTruth Write(string folder, ITabularFeed feed, double defectRate, Random random)
    {
        var layout = feed.Layout;
        var schedule = DefectSchedule.Plan(feed.Count, defectRate, layout.Defects(), random);
        var renderer = new RowRenderer(layout);
        var planter = new DefectPlanter(feed, renderer, random);
        var truth = new List<TruthRow>(schedule.TotalRows);
        var path = Path.Combine(folder, layout.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize))
        using (var stream = layout.Gzip ? new GZipStream(file, CompressionLevel.Optimal) : (Stream)file)
        using (var writer = new StreamWriter(stream, layout.Encoding, BufferSize))
        {
            var line = 1;
            if (layout.Header && layout.Shape != FeedShape.JsonLines)
            {
                writer.Write(renderer.Header());
                writer.Write(layout.NewLine);
                line++;
            }

            var goodIndex = 0;
            var cursor = 0;
            for (var position = 0; position < schedule.TotalRows; position++)
            {
                string text;
                if (schedule.KindAt(position, ref cursor) is { } kind)
                {
                    (text, var hetu) = planter.Plant(kind);
                    truth.Add(new TruthRow(line, hetu, kind, null, null, null));
                }
                else
                {
                    var row = feed.Row(goodIndex++);
                    text = renderer.Render(row.Values);
                    truth.Add(row.ToTruth(line));
                }

                writer.Write(text);
                writer.Write(layout.NewLine);

                // A quoted field may hold line breaks; the next record starts after them.
                line += 1 + text.AsSpan().Count('\n');
            }
        }

        return new FeedTruth(layout.SourceSystem, layout.Register, layout.FileName, truth);
    }
}
