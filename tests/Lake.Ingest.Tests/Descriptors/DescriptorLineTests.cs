using Lake.Contracts.Yaml;
using Lake.Ingest.Descriptors;

namespace Lake.Ingest.Tests.Descriptors;

/// <summary>
/// Semantic problems of a descriptor point at the line of their setting, the way YAML syntax
/// errors always have: <see cref="SourceDescriptorLoader.Check"/> and <see cref="YamlLocator"/>.
/// </summary>
public sealed class DescriptorLineTests
{
    // Line numbers in the comments on the right are what the tests expect.
    private const string Diagnosis = """
        system: Testsys
        register: diagnosis
        years: { from: 2020 }
        identity: hetu
        format:
          delimiter: ";"
          encoding: utf-8
        columns:
          code: { from: code, normalize: icd10 }
          code_system: { value: ICD-10 }
          recorded_at:
            from: at
            format: "yyyy-MM-ddTHH:mm:ss"
        """;

    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("lake-ingest-tests");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Check_ValidDescriptor_HasNoProblems()
    {
        SourceDescriptorLoader.Check(Write(Diagnosis), out var problems);

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Check_SettingsThatAreNotSettings_EachOnItsLineWithTheAllowedOnes_AndTheRestStillChecked()
    {
        var yaml = Diagnosis
            .Replace("years: { from: 2020 }", "years: { from: 2020, untill: 2024 }", StringComparison.Ordinal)   // line 3
            .Replace("code: { from: code, normalize: icd10 }", "code: { frm: code, normalize: icd10 }", StringComparison.Ordinal)   // line 9
            .Replace("    format: \"yyyy", "    formt: \"yyyy", StringComparison.Ordinal);   // line 13

        SourceDescriptorLoader.Check(Write(yaml), out var problems);

        Assert.Multiple(() =>
        {
            Assert.That(problems.Select(p => p.Line), Is.SupersetOf(new int?[] { 3, 9, 13 }));
            Assert.That(problems.Single(p => p.Line == 3).Message, Does.Contain("'untill' is not a setting of years").And.Contain("from, to"));
            Assert.That(problems.First(p => p.Line == 9).Message, Does.Contain("'frm' is not a setting of columns.code").And.Contain("Did you mean 'from'?"));
            Assert.That(problems.First(p => p.Line == 13).Message, Does.Contain("'formt'").And.Contain("Did you mean 'format'"));
            Assert.That(problems.Select(p => p.Message), Has.None.Contains("Lake.Ingest").And.None.Contains("not found on type"), "in the file's terms, not .NET's");
            Assert.That(problems.Select(p => p.Message), Has.Some.Contains("columns.code:"), "the column without 'from' is reported too");
        });
    }

    [Test]
    public void Check_UnknownColumn_PointsAtItsLine()
    {
        var yaml = Diagnosis + "\n  unit_name: { from: unit }";   // line 14

        SourceDescriptorLoader.Check(Write(yaml), out var problems);

        Assert.That(problems.Single(p => p.Message.StartsWith("columns.unit_name:", StringComparison.Ordinal)).Line, Is.EqualTo(14));
    }

    [Test]
    public void Check_RequiredColumnNotMapped_PointsAtColumnsLine()
    {
        var yaml = Diagnosis.Replace("  code_system: { value: ICD-10 }\n", "", StringComparison.Ordinal);

        SourceDescriptorLoader.Check(Write(yaml), out var problems);

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[] { "line 8: columns.code_system: required by register 'diagnosis' but not mapped." }));
    }

    [Test]
    public void Check_SettingInsideNestedBlock_PointsAtThatSettingsOwnLine()
    {
        var yaml = Diagnosis.Replace("format: \"yyyy-MM-ddTHH:mm:ss\"", "format: \"yyyy-MM-ddTHH:mm:ss\"\n    when_not_numeric: \"null\"", StringComparison.Ordinal);

        SourceDescriptorLoader.Check(Write(yaml), out var problems);

        Assert.That(problems.Single().ToString(), Does.StartWith("line 14: columns.recorded_at.when_not_numeric:"));
    }

    [Test]
    public void Check_IdentityFactOnWrongType_PointsAtTheFlowMappingLine()
    {
        var yaml = Diagnosis + "\n  diagnosis_start: { identity: sex }";

        SourceDescriptorLoader.Check(Write(yaml), out var problems);

        Assert.That(problems.Single().ToString(), Does.StartWith("line 14: columns.diagnosis_start.identity: sex is text"));
    }

    [Test]
    public void Check_BadDelimiter_PointsAtDelimiterLine()
    {
        SourceDescriptorLoader.Check(Write(Diagnosis.Replace("delimiter: \";\"", "delimiter: \";;\"", StringComparison.Ordinal)), out var problems);

        Assert.That(problems.Single().ToString(), Does.StartWith("line 6: format.delimiter must be one character"));
    }

    [Test]
    public void Check_UnknownInvalidBytesMode_PointsAtItsLineAndNamesTheTwoModes()
    {
        SourceDescriptorLoader.Check(Write(Diagnosis.Replace("encoding: utf-8", "encoding: utf-8\n  invalid_bytes: replace", StringComparison.Ordinal)), out var problems);

        Assert.That(problems.Single().ToString(), Does.StartWith("line 8: format.invalid_bytes: 'replace' must be quarantine_row").And.Contain("or reject_feed"));
    }

    [TestCase("quarantine_row")]
    [TestCase("reject_feed")]
    public void Check_KnownInvalidBytesMode_HasNoProblems(string mode)
    {
        var descriptor = SourceDescriptorLoader.Check(Write(Diagnosis.Replace("encoding: utf-8", $"encoding: utf-8\n  invalid_bytes: {mode}", StringComparison.Ordinal)), out var problems);

        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty);
            Assert.That(descriptor.Format.InvalidBytes, Is.EqualTo(mode));
        });
    }

    [Test]
    public void Check_MissingTopLevelSetting_HasNoLineButSaysWhatToAdd()
    {
        SourceDescriptorLoader.Check(Write(Diagnosis.Replace("identity: hetu\n", "", StringComparison.Ordinal)), out var problems);

        Assert.Multiple(() =>
        {
            Assert.That(problems.Single().Line, Is.Null);
            Assert.That(problems.Single().ToString(), Does.StartWith("identity: name the feed column"));
        });
    }

    [Test]
    public void Check_JsonDescriptor_PointsAtLinesToo()
    {
        var json = """
            {
              "system": "Testsys",
              "register": "diagnosis",
              "years": { "from": 2020 },
              "identity": "hetu",
              "columns": {
                "code": { "from": "code" },
                "code_system": { "value": "ICD-10" },
                "recorded_at": { "from": "at" }
              }
            }
            """;

        SourceDescriptorLoader.Check(Write(json, ".json"), out var problems);

        Assert.That(problems.Single().ToString(), Does.StartWith("line 9: columns.recorded_at: a timestamp column needs 'format'"));
    }

    [Test]
    public void Load_SemanticProblems_MessageCarriesTheLines()
    {
        var path = Write(Diagnosis.Replace("normalize: icd10", "normalize: soundex", StringComparison.Ordinal));

        Assert.That(() => SourceDescriptorLoader.Load(path),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("- line 9: columns.code.normalize: 'soundex'"));
    }

    [Test]
    public void LineOf_ListItemByName_FindsTheItem()
    {
        var locator = YamlLocator.Parse("""
            system: Testsys
            lookups:
              - name: first
                file: a.csv
              - name: admission
                file: b.csv
                match: hadm_id
            """);

        Assert.Multiple(() =>
        {
            Assert.That(locator.LineOf("lookups.admission.match"), Is.EqualTo(7));
            Assert.That(locator.LineOf("lookups.0"), Is.EqualTo(3));
            Assert.That(locator.LineOf("lookups.absent.match"), Is.EqualTo(2), "a missing item points at its list");
            Assert.That(locator.LineOf("crosswalk.file"), Is.Null);
        });
    }

    [Test]
    public void Locate_MessageWithoutKeyPath_HasNoLine()
    {
        var locator = YamlLocator.Parse(Diagnosis);

        Assert.That(locator.Locate("Something unrelated happened.").Line, Is.Null);
    }

    private string Write(string text, string extension = ".yaml")
    {
        var path = _folder.File($"descriptor-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, text);
        return path;
    }
}
