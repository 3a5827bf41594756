using System.Text;
using Lake.Contracts.Files;
using Lake.Ingest.Mapping;
using Lake.Ingest.Reading;
using nietras.SeparatedValues;

namespace Lake.Ingest.Quarantine;

/// <summary>
/// Writes rejected rows of one batch to a CSV a data engineer can open: where (file, line, column),
/// why, and the row itself with the identity code removed, so the feed can be fixed and sent again.
/// The file is created new under the lake's root: a link planted as the quarantine folder or the
/// file's name is refused, so rejected rows never land where it points.
/// </summary>
internal sealed class QuarantineWriter : IDisposable
{
    private readonly string _root;
    private readonly string _path;
    private readonly string _batchId;
    private readonly string _feedName;
    private readonly char _delimiter;
    private FileStream? _file;
    private StreamWriter? _text;
    private SepWriter? _writer;

    public QuarantineWriter(string root, string path, string batchId, string feedName, char delimiter)
    {
        _root = root;
        _path = path;
        _batchId = batchId;
        _feedName = feedName;
        _delimiter = delimiter;
    }

    public Dictionary<string, long> CountsByReason { get; } = new(StringComparer.Ordinal);

    public void Add(FeedRecord row, Rejection rejection, int identityIndex)
    {
        CountsByReason[rejection.Reason] = CountsByReason.GetValueOrDefault(rejection.Reason) + 1;
        _writer ??= Open();

        using var record = _writer.NewRow();
        record["batch_id"].Set(_batchId);
        record["feed"].Set(_feedName);
        record["line"].Format(row.Line);
        record["column"].Set(rejection.Column ?? "");
        record["reason"].Set(rejection.Reason);
        record["message"].Set(IdentityCodeMask.Apply(rejection.Message));
        record["record"].Set(IdentityCodeMask.Apply(row.Join(_delimiter, identityIndex, IdentityCodeMask.Replacement)));
    }

    /// <summary>Flushes to disk; the batch commits only after its quarantine is safe.</summary>
    public void Complete()
    {
        if (_writer is null)
            return;
        _writer.Dispose();
        _text!.Flush();
        _file!.Flush(flushToDisk: true);
        Dispose();
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _text?.Dispose();
        _file?.Dispose();
        _writer = null;
        _text = null;
        _file = null;
    }

    private SepWriter Open()
    {
        // New, not truncated: the batch's start removed an earlier attempt's file.
        _file = ContainedFiles.CreateNew(_root, _path, FileAccess.Write, FileShare.Read);
        _text = new StreamWriter(_file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return Sep.New(',').Writer(o => o with { Escape = true }).To(_text, leaveOpen: true);
    }
}
