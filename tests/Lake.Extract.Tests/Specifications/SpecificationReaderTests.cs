using Lake.Extract.Specifications;

namespace Lake.Extract.Tests.Specifications;

public sealed class SpecificationReaderTests
{
    private const string Valid = """
        version: 1
        title: Test
        cohort:
          icd10: [E11]
          from: 2020-01-01
          to: 2025-12-31
        datasets:
          - register: diagnosis
            from: 2020-01-01
            to: 2025-12-31
        """;

    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("lake-extract-tests");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Load_ExampleDiabetesStudy_Parses()
    {
        var specification = SpecificationReader.Load(Path.Combine(RepositoryFolders.Examples, "diabetes-study.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(specification.Title, Is.EqualTo("Type 2 diabetes and glycaemic control"));
            Assert.That(specification.Cohort.Icd10, Is.EqualTo(new[] { "E11" }));
            Assert.That(specification.Cohort.From, Is.EqualTo(new DateOnly(2020, 1, 1)));
            Assert.That(specification.Cohort.To, Is.EqualTo(new DateOnly(2025, 12, 31)));
            Assert.That(specification.Datasets.Select(d => d.Register), Is.EqualTo(new[] { "patient_background", "diagnosis", "laboratory" }));
            Assert.That(specification.Datasets[2].Columns, Has.Count.EqualTo(5).And.Contains("result_value"));
            Assert.That(specification.Delivery.Csv, Is.True);
        });
    }

    [Test]
    public void Parse_MinimalValid_Parses()
    {
        var specification = SpecificationReader.Parse(Valid);

        Assert.That(specification.Datasets.Single().To, Is.EqualTo(new DateOnly(2025, 12, 31)));
    }

    [Test]
    public void Parse_TransferTo_IsTheDeliverysTarget()
    {
        var specification = SpecificationReader.Parse(Valid + "\ndelivery:\n  transfer_to: kapseli\n");

        Assert.That(specification.Delivery.TransferTo, Is.EqualTo("kapseli"));
    }

    [Test]
    public void Parse_TransferToNotAName_IsRefusedWithTheRule()
    {
        var yaml = Valid + "\ndelivery:\n  transfer_to: ../elsewhere\n";

        Assert.That(() => SpecificationReader.Parse(yaml, "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.Contains("delivery.transfer_to: '../elsewhere' is not the name of a secure environment (1-64 lower-case letters"));
    }

    [Test]
    public void Parse_MissingCohort_SaysCohortIsMissing()
    {
        var yaml = """
            version: 1
            datasets:
              - register: diagnosis
            """;

        Assert.That(() => SpecificationReader.Parse(yaml, "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.EqualTo("spec.yaml: 'cohort' is missing; say which patients the study is about."));
    }

    [Test]
    public void Parse_UnknownKey_NamesKeyAndLine()
    {
        var yaml = Valid.Replace("title: Test", "title: Test\ncohrot: x", StringComparison.Ordinal);

        Assert.That(() => SpecificationReader.Parse(yaml, "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.StartsWith("spec.yaml, line 3,").And.Message.Contains("cohrot"));
    }

    [Test]
    public void Parse_DeliveryArrow_SetsArrowAndLeavesTheRestAtDefaults()
    {
        var specification = SpecificationReader.Parse(Valid + "\ndelivery: { arrow: true }");

        Assert.That(specification.Delivery, Is.EqualTo(new Lake.Contracts.Extraction.DeliveryOptions { Arrow = true }));
    }

    [Test]
    public void Parse_DeliveryWithoutArrow_WritesNoArrowFiles()
    {
        Assert.That(SpecificationReader.Parse(Valid + "\ndelivery:\n  csv: true").Delivery.Arrow, Is.False);
    }

    [TestCase("true", true)]
    [TestCase("false", false)]
    // YAML 1.1's words for a flag, which the reader has always taken.
    [TestCase("yes", true)]
    [TestCase("off", false)]
    public void Parse_DeliveryArrowFlag_IsRead(string value, bool arrow)
    {
        Assert.That(SpecificationReader.Parse(Valid + $"\ndelivery:\n  arrow: {value}").Delivery.Arrow, Is.EqualTo(arrow));
    }

    [TestCase("maybe", "'maybe' is not true or false.")]
    [TestCase("1", "'1' is not true or false.")]
    [TestCase("[true]", "expected true or false, found a list.")]
    [TestCase("{ zstd: true }", "expected true or false, found a mapping.")]
    public void Parse_DeliveryArrowNotAFlag_NamesTheProblemAndLine(string value, string problem)
    {
        var yaml = Valid + $"\ndelivery:\n  csv: true\n  arrow: {value}";

        Assert.That(() => SpecificationReader.Parse(yaml, "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.EqualTo($"spec.yaml, line 13, column 10: {problem}"));
    }

    [Test]
    public void Parse_UnknownDeliveryOption_NamesItTheLineAndTheOptions()
    {
        var yaml = Valid + "\ndelivery:\n  feather: true";

        Assert.That(() => SpecificationReader.Parse(yaml, "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.EqualTo(
                "spec.yaml, line 12, column 3: 'feather' is not a setting here; the settings here are csv, arrow, date_precision, shift_max_days, free_text, identity_codes, transfer_to, omop."));
    }

    [TestCase("2020-13-01")]
    [TestCase("01.01.2020")]
    [TestCase("2020-1-1")]
    [TestCase("yesterday")]
    public void Parse_BadDateFormat_NamesValueAndFormat(string date)
    {
        var yaml = Valid.Replace("from: 2020-01-01\n  to:", $"from: {date}\n  to:", StringComparison.Ordinal);
        Assume.That(yaml, Does.Contain(date));

        Assert.That(() => SpecificationReader.Parse(yaml, "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.Contains($"'{date}' is not a date; write dates as yyyy-MM-dd")
                .And.Message.StartsWith("spec.yaml, line 5,"));
    }

    [Test]
    public void Parse_SyntaxError_ReportsLine()
    {
        Assert.That(() => SpecificationReader.Parse("version: 1\ncohort: { icd10: [E11\n", "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.StartsWith("spec.yaml, line "));
    }

    [Test]
    public void Parse_EmptyDocument_SaysItIsEmpty()
    {
        Assert.That(() => SpecificationReader.Parse("", "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.Contains("the document is empty"));
    }

    [Test]
    public void Parse_DatasetWithoutRegister_NamesIt()
    {
        var yaml = Valid + "\n  - from: 2020-01-01";

        Assert.That(() => SpecificationReader.Parse(yaml, "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.Contains("datasets[1].register is missing"));
    }

    [Test]
    public void Parse_InvalidContent_RunsValidator()
    {
        var yaml = Valid.Replace("register: diagnosis", "register: diagnoses", StringComparison.Ordinal);

        Assert.That(() => SpecificationReader.Parse(yaml, "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.Contains("datasets[0].register: 'diagnoses' is not a register"));
    }

    [Test]
    public void Load_FileOver256KiB_RefusedBeforeParsing()
    {
        var path = _folder.File("huge.yaml");
        // Valid YAML padded with a comment: the size alone must refuse it.
        File.WriteAllText(path, Valid + "\n#" + new string('x', SpecificationReader.MaxBytes));

        Assert.That(() => SpecificationReader.Load(path),
            Throws.TypeOf<SpecificationException>().With.Message.Contains("larger than 256 KiB"));
    }

    [Test]
    public void Load_FileOfExactly256KiB_IsRead()
    {
        var path = _folder.File("big.yaml");
        var text = Valid + "\n#";
        File.WriteAllText(path, text + new string('x', SpecificationReader.MaxBytes - text.Length));
        Assume.That(new FileInfo(path).Length, Is.EqualTo(SpecificationReader.MaxBytes));

        Assert.That(SpecificationReader.Load(path).Cohort.Icd10, Is.EqualTo(new[] { "E11" }));
    }

    [Test]
    public void Load_MissingFile_Throws()
    {
        Assert.That(() => SpecificationReader.Load(_folder.File("absent.yaml")),
            Throws.TypeOf<SpecificationException>().With.Message.Contains("does not exist"));
    }
}
