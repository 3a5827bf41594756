using Apache.Arrow.Ipc;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Delivery;
using Lake.Extract.Querying;

namespace Lake.Extract.Tests.Delivery;

/// <summary>The Arrow file written from a Parquet file, over every column type a delivery can hold, nulls in each.</summary>
public sealed class ArrowDeliveryFileTests
{
    // One batch full and a part of the next; every seventh value of each column is null.
    private const int Rows = ArrowDeliveryFile.BatchRows + 1000;

    private TempDirectory _folder = null!;
    private LakeQuerySession _session = null!;
    private string _parquet = null!;

    [SetUp]
    public void WriteParquet()
    {
        _folder = new TempDirectory("lake-extract-tests");
        _session = LakeQuerySession.Open(LakeSnapshot.Take(new LakeLayout(_folder.File("lake")), RegisterCatalog.Shipped), writableFolder: _folder.File("out"));
        _parquet = Path.Combine(_folder.File("out"), "all.parquet");
        _session.Execute(
            $"""
            CREATE TEMP TABLE all_types AS
            SELECT
                CASE WHEN i % 7 = 0 THEN NULL ELSE gen_random_uuid() END AS study_id,
                CASE WHEN i % 7 = 1 THEN NULL ELSE 'teksti ä ' || i END AS text,
                CASE WHEN i % 7 = 2 THEN NULL ELSE CAST(i AS INTEGER) - 1000 END AS small,
                CASE WHEN i % 7 = 3 THEN NULL ELSE CAST(i AS BIGINT) * 1000000007 END AS big,
                CASE WHEN i % 7 = 4 THEN NULL ELSE i / 3.0 END AS number,
                CASE WHEN i % 7 = 5 THEN NULL ELSE CAST(i / 7.0 AS DECIMAL(18, 3)) END AS amount,
                CASE WHEN i % 7 = 6 THEN NULL ELSE DATE '1990-01-01' + CAST(i AS INTEGER) END AS day,
                CASE WHEN i % 7 = 0 THEN NULL ELSE TIMESTAMP '2020-01-01 08:00:00' + to_seconds(i * 61) END AS at_local,
                CASE WHEN i % 7 = 1 THEN NULL ELSE TIMESTAMPTZ '2020-01-01 08:00:00+00' + to_seconds(i) END AS at_utc,
                CASE WHEN i % 7 = 2 THEN NULL ELSE i % 2 = 0 END AS flag
            FROM range({Rows}) r(i)
            """);
        _session.Execute($"COPY all_types TO {SqlText.Literal(_parquet)} (FORMAT parquet, COMPRESSION zstd)");
    }

    [TearDown]
    public void Remove()
    {
        _session.Dispose();
        _folder.Dispose();
    }

    [Test]
    public void Write_EveryColumnType_SameRowsAndValuesAsTheParquetFile()
    {
        var arrow = Write("all.arrow");

        var expected = DeliveredTable.FromParquet(_parquet);
        var batches = new List<int>();
        var written = DeliveredTable.FromArrow(arrow, batches);
        Assert.Multiple(() =>
        {
            Assert.That(written.Columns, Is.EqualTo(expected.Columns));
            Assert.That(written.Rows, Has.Count.EqualTo(Rows));
            Assert.That(written.Rows, Is.EqualTo(expected.Rows));
            Assert.That(batches, Is.EqualTo(new[] { ArrowDeliveryFile.BatchRows, 1000 }), "record batches of bounded size");
        });
    }

    [Test]
    public void Write_EveryColumnType_TypesAreThoseOfTheParquetFile()
    {
        var schema = DeliveredTable.ArrowSchema(Write("all.arrow"));

        var parquet = DeliveredTable.ParquetTypes(_parquet);
        Assert.That(schema.FieldsList.Select(f => $"{f.Name}: {DeliveredTable.ArrowTypeOf(f)}"),
            Is.EqualTo(parquet.Select(c => $"{c.Name}: {DeliveredTable.ExpectedArrowType(c.Type)}")));
    }

    [Test]
    public void Write_SameParquetFileTwice_SameBytes()
    {
        var first = File.ReadAllBytes(Write("first.arrow"));
        var second = File.ReadAllBytes(Write("second.arrow"));

        Assert.That(second, Is.EqualTo(first), "nothing of the moment in the file, and no stale bytes under nulls: a replay reproduces it");
    }

    [Test]
    public void Write_Buffers_AreZstdCompressed()
    {
        var arrow = Write("all.arrow");

        using var withoutCodec = new ArrowFileReader(File.OpenRead(arrow));
        Assert.That(() => withoutCodec.ReadNextRecordBatch(), Throws.Exception.With.Message.Contains("compressed with codec ZSTD"));
    }

    [Test]
    public void Write_NoRows_FileWithTheSchemaAndNoRows()
    {
        var empty = Path.Combine(_folder.File("out"), "empty.parquet");
        _session.Execute($"COPY (SELECT * FROM all_types LIMIT 0) TO {SqlText.Literal(empty)} (FORMAT parquet)");
        var arrow = Path.Combine(_folder.File("out"), "empty.arrow");

        var rows = ArrowDeliveryFile.Write(_session, empty, arrow);

        var written = DeliveredTable.FromArrow(arrow);
        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.Zero);
            Assert.That(written.Rows, Is.Empty);
            Assert.That(written.Columns, Has.Count.EqualTo(10));
        });
    }

    [Test]
    public void Write_NestedColumn_RefusedNamingItBeforeAnyFileIsWritten()
    {
        var nested = Path.Combine(_folder.File("out"), "nested.parquet");
        _session.Execute($"COPY (SELECT [1, 2] AS codes) TO {SqlText.Literal(nested)} (FORMAT parquet)");
        var arrow = Path.Combine(_folder.File("out"), "nested.arrow");

        Assert.That(() => ArrowDeliveryFile.Write(_session, nested, arrow), Throws.TypeOf<NotSupportedException>().With.Message.Contains("Column 'codes'"));
        Assert.That(File.Exists(arrow), Is.False);
    }

    [Test]
    public void Write_File_IsOwnerOnly()
    {
        var arrow = Write("all.arrow");

        Assert.That(File.GetUnixFileMode(arrow), Is.EqualTo(OwnerOnly.FileMode));
    }

    private string Write(string name)
    {
        var path = Path.Combine(_folder.File("out"), name);
        Assert.That(ArrowDeliveryFile.Write(_session, _parquet, path), Is.EqualTo(Rows));
        return path;
    }
}
