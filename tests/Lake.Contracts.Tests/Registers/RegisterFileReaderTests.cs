using Lake.Contracts.Registers;

namespace Lake.Contracts.Tests.Registers;

/// <summary>Register files are read into definitions, and every problem in one is reported with its line.</summary>
public sealed class RegisterFileReaderTests
{
    [Test]
    public void Read_EchocardiographyFile_GivesItsColumnsMeaningsAndMeasurementPattern()
    {
        var register = RegisterFileReader.Read(RegisterFiles.Echocardiography, "echocardiography.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(register.Name, Is.EqualTo("echocardiography"));
            Assert.That(register.Version, Is.EqualTo(1));
            Assert.That(register.PartitionByYear, Is.True);
            Assert.That(register.Columns.Select(c => (c.Name, c.Type)), Is.EqualTo(new[]
            {
                ("exam_time", ColumnType.Timestamp), ("quantity", ColumnType.Text), ("value", ColumnType.Double),
                ("unit", ColumnType.Text), ("reading_count", ColumnType.Integer), ("statement", ColumnType.Text),
            }));
            Assert.That(register.FreeTextColumns.Select(c => c.Name), Is.EqualTo(new[] { "statement" }));
            Assert.That(register.Measurement, Is.EqualTo(new MeasurementColumns("quantity", "value", "unit", "exam_time")));
            Assert.That(register.FileText, Is.EqualTo(RegisterFiles.Echocardiography));
        });
    }

    [Test]
    public void Read_MalformedYaml_OneLineWithFileLineAndColumn()
    {
        var broken = RegisterFiles.With(RegisterFiles.Echocardiography, "event_key: [exam_time, quantity]", "event_key: [exam_time, quantity");

        var error = Assert.Throws<RegisterFileException>(() => RegisterFileReader.Read(broken, "echo.yaml"))!;

        Assert.That(error.Message, Does.StartWith("echo.yaml, line ").And.Contain(", column ").And.Not.Contain("\n"));
    }

    [Test]
    public void Check_UnknownSetting_NamesItsLine()
    {
        var unknown = RegisterFiles.With(RegisterFiles.Echocardiography, "version: 1", "version: 1\ncolour: blue");

        var error = Assert.Throws<RegisterFileException>(() => RegisterFileReader.Read(unknown, "echo.yaml"))!;

        Assert.That(error.Message, Does.Contain("line 4").And.Contain("colour"));
    }

    [TestCase("type: double, description: Measured value.", "type: float, description: Measured value.", "columns.value.type: 'float' must be one of")]
    [TestCase("name: quantity,", "name: Quantity,", "'Quantity' must be lower case")]
    [TestCase("name: unit,", "name: source,", "'source' is a column Lake adds itself")]
    [TestCase("event_column: exam_time", "event_column: exam_day", "event_column: 'exam_day' is not a column")]
    [TestCase("event_column: exam_time", "event_column: quantity", "event_column: 'quantity' must be a date or timestamp column")]
    [TestCase("measurement: { code: quantity, value: value,", "measurement: { code: quantity, value: unit,", "measurement.value: 'unit' must be a number column")]
    [TestCase("type: integer, description", "type: integer, free_text: true, description", "only a text column holds free text")]
    [TestCase("version: 1", "version: 0", "version: give the register a version")]
    [TestCase("partitioning: [source, year]", "partitioning: [year]", "partitioning: must be [source] or [source, year]")]
    [TestCase("name: unit, type: text,", "name: unit, type: text, aliases: [quantity],", "'quantity' is already the name or alias")]
    public void Check_Problem_IsReportedWithItsLine(string line, string replacement, string expected)
    {
        var text = RegisterFiles.With(RegisterFiles.Echocardiography, line, replacement);

        var problems = RegisterFileReader.Check(text, "echo.yaml", out var register);

        Assert.Multiple(() =>
        {
            Assert.That(register, Is.Null);
            Assert.That(problems.Select(p => p.Message), Has.Some.Contains(expected));
            Assert.That(problems.Where(p => p.Message.Contains(expected, StringComparison.Ordinal)).Select(p => p.Line), Has.All.Not.Null);
        });
    }

    [Test]
    public void ShippedRegisters_AreSixteenPatientRegistersAndSixtyNineRegistriesReadFromTheirFiles()
    {
        var shipped = RegisterCatalog.Shipped;

        Assert.Multiple(() =>
        {
            Assert.That(shipped.PatientRegisters.Count(), Is.EqualTo(16));
            Assert.That(shipped.QualityRegistries.Count(), Is.EqualTo(69));
            Assert.That(shipped.All.Select(r => r.Origin), Has.All.StartsWith("registers/"));
            Assert.That(shipped.Get(RegisterNames.PatientRecordText).FreeTextColumns.Select(c => c.Name), Is.EqualTo(new[] { "text" }));
            Assert.That(shipped.Get(RegisterNames.Imaging).FreeTextColumns.Select(c => c.Name), Is.EqualTo(new[] { "statement" }));
        });
    }
}
