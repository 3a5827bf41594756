using System.Text;

namespace Lake.Synthetic;

/// <summary>Streams a feed to disk: header, then good and defect rows in the order the schedule says.</summary>
internal static class FeedFile
{
    private const int BufferSize = 1 << 16;

    public static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static FeedTruth Write(string folder, IFeedRows rows, DefectSchedule schedule)
    {
        var format = rows.Format;
        var truth = new List<TruthRow>(schedule.TotalRows);
        using (var stream = new FileStream(Path.Combine(folder, format.FileName), FileMode.Create, FileAccess.Write, FileShare.None, BufferSize))
        using (var writer = new StreamWriter(stream, format.Encoding, BufferSize))
        {
            writer.NewLine = format.NewLine;
            writer.WriteLine(format.Header);
            var goodIndex = 0;
            var cursor = 0;
            for (var position = 0; position < schedule.TotalRows; position++)
            {
                // Line 1 is the header, so data row 0 is physical line 2.
                var line = position + 2;
                var kind = schedule.KindAt(position, ref cursor);
                truth.Add(kind is null ? rows.WriteGood(writer, goodIndex++, line) : rows.WriteDefect(writer, kind, line));
                writer.WriteLine();
            }
        }

        return new FeedTruth(format.SourceSystem, format.Register, format.FileName, truth);
    }
}
