using Lake.Contracts.Registers;
using Lake.Ingest.Descriptors;

namespace Lake.Ingest.Tests.Descriptors;

public sealed class SourceDescriptorLoaderTests
{
    private const string ValidDescriptor = """
        system: Testsys
        register: diagnosis
        years: { from: 2020 }
        identity: hetu
        columns:
          code: { from: code, normalize: icd10 }
          code_system: { value: ICD-10 }
          recorded_at: { from: at, format: "yyyy-MM-ddTHH:mm:ss" }
        """;

    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("lake-ingest-tests");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private static IEnumerable<string> ShippedDescriptors() =>
        Directory.EnumerateFiles(RepositoryFolders.Sources, "*.yaml").Order(StringComparer.Ordinal).Select(Path.GetFileName)!;

    [TestCaseSource(nameof(ShippedDescriptors))]
    public void Load_ShippedDescriptor_LoadsAndPassesValidation(string fileName)
    {
        var descriptor = SourceDescriptorLoader.Load(Path.Combine(RepositoryFolders.Sources, fileName));

        Assert.Multiple(() =>
        {
            Assert.That(descriptor.System, Is.Not.Empty);
            Assert.That(descriptor.Identity, Is.Not.Empty);
            Assert.That(descriptor.Columns, Is.Not.Empty);
            Assert.That(SourceDescriptorLoader.Validate(descriptor), Is.Empty);
        });
    }

    private static IEnumerable<string> ShippedFhirDescriptors() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryFolders.Sources, "fhir"), "*.yaml").Order(StringComparer.Ordinal).Select(Path.GetFileName)!;

    [TestCaseSource(nameof(ShippedFhirDescriptors))]
    public void Load_ShippedFhirDescriptor_LoadsAndPassesValidation(string fileName)
    {
        var descriptor = SourceDescriptorLoader.Load(Path.Combine(RepositoryFolders.Sources, "fhir", fileName));

        Assert.Multiple(() =>
        {
            Assert.That(descriptor.System, Is.EqualTo("Apotti"));
            Assert.That(descriptor.Format.Kind, Is.EqualTo("fhir_ndjson"));
            Assert.That(descriptor.IdentityKind, Is.EqualTo(descriptor.Format.Resource == "Patient" ? IdentityKinds.IdentityCode : IdentityKinds.PatientReference));
            Assert.That(SourceDescriptorLoader.Validate(descriptor), Is.Empty);
        });
    }

    [Test]
    public void LoadFolder_ShippedFhirSources_OneForEachRegisterTheBulkExportFills()
    {
        var descriptors = SourceDescriptorLoader.LoadFolder(Path.Combine(RepositoryFolders.Sources, "fhir"));

        Assert.That(descriptors.Select(d => (d.Format.Resource, d.Register)), Is.EquivalentTo(new (string?, string)[]
        {
            ("Patient", "patient_background"), ("Condition", "diagnosis"), ("Encounter", "visit"), ("Observation", "laboratory"),
            ("Observation", "basic_measurement"), ("MedicationRequest", "medication"), ("Procedure", "procedure"), ("DocumentReference", "patient_record_text"),
        }));
    }

    [Test]
    public void Check_FhirDescriptorMistakes_AreEachNamedWithTheirSetting()
    {
        var path = Write("""
            system: Apotti
            register: diagnosis
            years: { from: 2020 }
            format: { kind: fhir_ndjson, encoding: iso-8859-1 }
            identity: subject.reference
            identity_kind: patient_reference
            columns:
              code: { from: "code.coding[system=http://hl7.org/fhir/sid/icd-10.code", normalize: icd10 }
              code_system: { value: ICD-10 }
              recorded_at: { from: "recordedDate | ", format: fhir }
            exclude:
              - { column: "status", other_than: [active] }
            """);

        SourceDescriptorLoader.Check(path, out var problems);

        Assert.That(problems.Select(p => (p.Line, p.Message.Split(':')[0])), Is.EquivalentTo(new (int?, string)[]
        {
            (4, "format.resource"), (4, "format.encoding"), (8, "columns.code.from"), (10, "columns.recorded_at.from"),
        }), string.Join("\n", problems));
    }

    [TestCase("identity_kind: patient_reference", "a patient_reference is read only from a fhir_ndjson feed")]
    [TestCase("identity_kind: local_number", "must be identity_code or patient_reference")]
    [TestCase("format: { resource: Condition }", "only a fhir_ndjson feed names a resource type")]
    public void Load_FhirSettingsOutsideAFhirFeed_AreRefused(string setting, string problem)
    {
        var path = Write(ValidDescriptor + "\n" + setting);

        Assert.That(() => SourceDescriptorLoader.Load(path), Throws.TypeOf<DescriptorException>().With.Message.Contains(problem));
    }

    [Test]
    public void LoadFolder_ShippedSources_LoadsTheThreeSystems()
    {
        var descriptors = SourceDescriptorLoader.LoadFolder(RepositoryFolders.Sources);

        Assert.That(descriptors.Select(d => d.System), Is.SupersetOf(new[] { "Apotti", "Multilab", "Uranus" }));
    }

    [Test]
    public void Load_ShippedUranus_ReadsFormatAndMapping()
    {
        var uranus = SourceDescriptorLoader.Load(Path.Combine(RepositoryFolders.Sources, "uranus-patient-background.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(uranus.Register, Is.EqualTo("patient_background"));
            Assert.That(uranus.Format.DelimiterChar, Is.EqualTo(';'));
            Assert.That(uranus.Format.ResolveEncoding().WebName, Is.EqualTo("iso-8859-1"));
            Assert.That(uranus.Years.From, Is.EqualTo(2004));
            Assert.That(uranus.Years.To, Is.EqualTo(2020));
            Assert.That(uranus.Columns["sex"].Map, Is.EquivalentTo(new Dictionary<string, string> { ["1"] = "male", ["2"] = "female" }));
            Assert.That(uranus.Columns["height_cm"].Decimal, Is.EqualTo("comma"));
        });
    }

    [Test]
    public void Load_ValidDescriptor_RecordsOrigin()
    {
        var path = Write(ValidDescriptor);

        Assert.That(SourceDescriptorLoader.Load(path).Origin, Is.EqualTo(path));
    }

    [Test]
    public void Load_UnknownRegister_NamesRegisterSetting()
    {
        var path = Write(ValidDescriptor.Replace("register: diagnosis", "register: diagnoses", StringComparison.Ordinal));

        Assert.That(() => SourceDescriptorLoader.Load(path),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("register: 'diagnoses' is not a register of the lake"));
    }

    [TestCase("../../etc")]
    [TestCase("Apotti/../x")]
    [TestCase(".hidden")]
    public void Load_SystemNameThatIsAPathOrHidden_IsRefused(string system)
    {
        var path = Write(System.Text.RegularExpressions.Regex.Replace(ValidDescriptor, "(?m)^system: .*$", $"system: \"{system}\""));

        Assert.That(() => SourceDescriptorLoader.Load(path), Throws.TypeOf<DescriptorException>().With.Message.Contains($"system: '{system}' must be 1 to 80 letters"));
    }

    [Test]
    public void Load_ColumnTheRegisterLacks_SuggestsTheRegisterFileChangeThatAddsIt()
    {
        var path = Write(ValidDescriptor + "\n  severity_score: { from: score, decimal: comma }");

        Assert.That(() => SourceDescriptorLoader.Load(path), Throws.TypeOf<DescriptorException>()
            .With.Message.Contains("add the column to the register's file (registers/diagnosis.yaml) and raise its version to 2")
            .And.Message.Contains("'- { name: severity_score, type: double, description: ... }'"));
    }

    [Test]
    public void Load_DeprecatedColumn_IsRefusedForWriting()
    {
        var diagnosis = RegisterCatalog.Shipped.Get(RegisterNames.Diagnosis);
        var registers = RegisterCatalog.Shipped.With([diagnosis with
        {
            Version = 2,
            Columns = [.. diagnosis.Columns.Select(c => c.Name == "diagnosis_start" ? c with { Deprecated = true } : c)],
        }]);
        var path = Write(ValidDescriptor + "\n  diagnosis_start: { from: onset, format: yyyy-MM-dd }");

        Assert.That(() => SourceDescriptorLoader.Load(path, registers),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("columns.diagnosis_start: column 'diagnosis_start' of register 'diagnosis' is deprecated"));
    }

    [Test]
    public void Load_UnknownColumn_NamesColumnAndRegister()
    {
        var path = Write(ValidDescriptor + "\n  icd_code: { from: code2 }");

        Assert.That(() => SourceDescriptorLoader.Load(path),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("columns.icd_code: register 'diagnosis' has no such column"));
    }

    [Test]
    public void Load_RequiredColumnNotMapped_NamesColumn()
    {
        var path = Write("""
            system: Testsys
            register: diagnosis
            years: { from: 2020 }
            identity: hetu
            columns:
              code: { from: code, normalize: icd10 }
              code_system: { value: ICD-10 }
            """);

        Assert.That(() => SourceDescriptorLoader.Load(path),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("columns.recorded_at: required by register 'diagnosis' but not mapped"));
    }

    [Test]
    public void Load_DateColumnWithoutFormat_NamesColumnAndAsksForFormat()
    {
        var path = Write(ValidDescriptor.Replace("""{ from: at, format: "yyyy-MM-ddTHH:mm:ss" }""", "{ from: at }", StringComparison.Ordinal));

        Assert.That(() => SourceDescriptorLoader.Load(path),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("columns.recorded_at: a timestamp column needs 'format'"));
    }

    [Test]
    public void Load_YamlSyntaxError_ReportsLine()
    {
        // Line 4 opens a flow mapping that is never closed.
        var path = Write("""
            system: Testsys
            register: diagnosis
            years: { from: 2020 }
            identity: [hetu
            columns:
              code: { from: code }
            """);

        Assert.That(() => SourceDescriptorLoader.Load(path),
            Throws.TypeOf<DescriptorException>().With.Message.StartsWith(path + ", line "));
    }

    [Test]
    public void Load_UnknownKeyInYaml_ReportsItsLine()
    {
        var path = Write("""
            system: Testsys
            register: diagnosis
            yeers: { from: 2020 }
            """);

        Assert.That(() => SourceDescriptorLoader.Load(path),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("line 3: 'yeers' is not a setting. Did you mean 'years'?"));
    }

    [Test]
    public void Load_SeveralProblems_ListsEveryOne()
    {
        var path = Write("""
            system: Testsys
            register: diagnosis
            years: { from: 2020 }
            identity: hetu
            format: { delimiter: ";;", encoding: ebcdic }
            columns:
              code: { from: code, normalize: soundex }
            """);

        var exception = Assert.Throws<DescriptorException>(() => SourceDescriptorLoader.Load(path));

        Assert.That(exception.Message, Does.Contain("columns.code.normalize: 'soundex'")
            .And.Contain("columns.recorded_at: required")
            .And.Contain("format.delimiter must be one character"));
    }

    [Test]
    public void Load_MissingFile_Throws()
    {
        Assert.That(() => SourceDescriptorLoader.Load(_folder.File("absent.yaml")),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("does not exist"));
    }

    [Test]
    public void Load_EmptyFile_SaysItIsEmpty()
    {
        var path = Write("");

        Assert.That(() => SourceDescriptorLoader.Load(path),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("the file is empty"));
    }

    [TestCase("{ from: code, identity: sex }")]
    [TestCase("{ }")]
    public void Load_MappingWithBothOrNeitherSource_AsksForExactlyOne(string mapping)
    {
        var path = Write(ValidDescriptor + $"\n  unit: {mapping}");

        Assert.That(() => SourceDescriptorLoader.Load(path),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("columns.unit: give exactly one of 'from'"));
    }

    [Test]
    public void Load_ImplausibleYears_NamesYears()
    {
        var path = Write(ValidDescriptor.Replace("{ from: 2020 }", "{ from: 2020, to: 2019 }", StringComparison.Ordinal));

        Assert.That(() => SourceDescriptorLoader.Load(path),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("years: from 2020 to 2019"));
    }

    [Test]
    public void Load_HeaderlessDelimitedFormat_RefusedWithReason()
    {
        var path = Write(ValidDescriptor.Replace("identity: hetu", "identity: hetu\nformat: { header: false }", StringComparison.Ordinal));

        Assert.That(() => SourceDescriptorLoader.Load(path),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("format.header: delimited feeds need a header row"));
    }

    [TestCase("windows-1252", 1252)]
    [TestCase("cp1252", 1252)]
    [TestCase("latin-1", 28591)]
    [TestCase("UTF-8", 65001)]
    public void Load_SupportedEncoding_ResolvesToCodePage(string encoding, int codePage)
    {
        var path = Write(ValidDescriptor.Replace("identity: hetu", $"identity: hetu\nformat: {{ encoding: {encoding} }}", StringComparison.Ordinal));

        Assert.That(SourceDescriptorLoader.Load(path).Format.ResolveEncoding().CodePage, Is.EqualTo(codePage));
    }

    private string Write(string yaml)
    {
        var path = _folder.File($"descriptor-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
