using DuckDB.NET.Data;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Contracts.Registers;
using Lake.Extract.Access;
using Lake.Extract.Delivery;
using Lake.Extract.Omop;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Lake.Pseudonymization;

namespace Lake.Extract.Tests.Omop;

/// <summary>
/// OMOP deliveries from a small lake (diagnoses, background, laboratory results, record texts),
/// mapped through the sample vocabularies in tests/data/omop, and loaded back under OHDSI's DDL.
/// </summary>
public sealed class OmopWriterTests
{
    private static readonly Hetu Anna = Hetu.Create(new DateOnly(1960, 4, 2), 202);
    private static readonly Hetu Ville = Hetu.Create(new DateOnly(1975, 8, 9), 303);
    private static readonly Hetu Outsider = Hetu.Create(new DateOnly(1980, 1, 1), 404);

    private static readonly string Samples = Path.Combine(RepositoryFolders.Root, "tests", "data", "omop");

    private TempDirectory _folder = null!;
    private LakeLayout _layout = null!;
    private IKeyStore _keys = null!;
    private Pseudonymizer _pseudonymizer = null!;

    [SetUp]
    public async Task BuildLake()
    {
        _folder = new TempDirectory("lake-omop-tests");
        _layout = new LakeLayout(_folder.File("lake"));
        _keys = TestKeyStores.Open(KeyStoreKind.File, _folder.File("keys"));
        _pseudonymizer = new Pseudonymizer(_keys);
        var ingestor = new FeedIngestor(_layout, _pseudonymizer, _keys, TimeProvider.System);
        await ingestor.IngestAsync(DiagnosisFeeds.Descriptor("Apotti", 2008), Feed("diagnosis.csv", DiagnosisFeeds.Header,
            $"{Anna.Value},E11.9,2019-05-02T10:00:00",
            $"{Anna.Value},I10,2015-01-01T09:00:00",
            $"{Ville.Value},E11.0,2019-06-03T11:00:00",
            $"{Ville.Value},E78.0,2022-02-02T12:00:00",
            $"{Outsider.Value},J45,2019-01-01T09:00:00"));
        await ingestor.IngestAsync(BackgroundDescriptor(), Feed("background.csv", "hetu,death",
            $"{Anna.Value},",
            $"{Ville.Value},2023-03-01",
            $"{Outsider.Value},"));
        await ingestor.IngestAsync(LabDescriptor(), Feed("lab.csv", "hetu,code,value,unit,at",
            $"{Anna.Value},2095,52,mmol/mol,2019-05-02T10:00:00",
            $"{Ville.Value},2095,71,mmol/mol,2019-07-01T08:00:00",
            $"{Ville.Value},1999,7.5,mmol/l,2019-09-01T08:00:00"));
        await ingestor.IngestAsync(TextDescriptor(), Feed("texts.csv", "hetu;at;type;text",
            $"{Anna.Value};2019-05-02T10:00:00;record;Diabetes hyvässä hoitotasapainossa.",
            $"{Ville.Value};2019-07-01T08:00:00;record;Insuliinihoito aloitettu."));
    }

    [TearDown]
    public void RemoveLake()
    {
        TestKeyStores.Close(_keys);
        _folder.Dispose();
    }

    [Test]
    public void Run_Omop_LoadsUnderTheOfficialDdlWithTheDeliveredRowCounts()
    {
        var manifest = Extract(freeText: true);

        using var cdm = LoadUnderOfficialDdl(manifest);
        Assert.Multiple(() =>
        {
            Assert.That(Scalar(cdm, "SELECT count(*) FROM cdm.person"), Is.EqualTo(manifest.CohortSize));
            Assert.That(Scalar(cdm, "SELECT count(*) FROM cdm.condition_occurrence"), Is.EqualTo(Rows(manifest, "diagnosis")));
            Assert.That(Scalar(cdm, "SELECT count(*) FROM cdm.measurement"), Is.EqualTo(Rows(manifest, "laboratory")));
            Assert.That(Scalar(cdm, "SELECT count(*) FROM cdm.note"), Is.EqualTo(Rows(manifest, "patient_record_text")));
            Assert.That(Scalar(cdm, "SELECT count(*) FROM cdm.death"), Is.EqualTo(1), "Ville's death date");
            Assert.That(Scalar(cdm, "SELECT count(*) FROM cdm.observation_period"), Is.EqualTo(manifest.CohortSize));
            Assert.That(Scalar(cdm, "SELECT count(*) FROM cdm.cdm_source"), Is.EqualTo(1));
            foreach (var (table, count) in manifest.Omop!.Tables)
                Assert.That(Scalar(cdm, $"SELECT count(*) FROM cdm.{table}"), Is.EqualTo(count.Rows), table);
        });
    }

    [Test]
    public void Run_Omop_EveryFileHasTheColumnsNamesOrderAndTypesOfTheOfficialDdl()
    {
        var manifest = Extract(freeText: true);

        using var cdm = LoadUnderOfficialDdl(manifest);
        Assert.Multiple(() =>
        {
            foreach (var table in manifest.Omop!.Tables.Keys)
            {
                var declared = Rows(cdm, $"SELECT column_name, column_type FROM (DESCRIBE cdm.{table})");
                var delivered = Rows(manifest, "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($1))", table);
                Assert.That(delivered, Is.EqualTo(declared), table);
            }
        });
    }

    [Test]
    public void Run_Omop_MappedCodesGetTheVocabularysStandardConceptAndOthersZero()
    {
        var manifest = Extract();

        var conditions = Rows(manifest, "SELECT condition_source_value, condition_concept_id, condition_source_concept_id FROM read_parquet($1) ORDER BY condition_source_value", "condition_occurrence");
        Assert.Multiple(() =>
        {
            Assert.That(conditions, Is.EqualTo(new[]
            {
                new object?[] { "E11.0", 0, 0 },
                new object?[] { "E11.9", 201826, 0 },
                new object?[] { "E78.0", 0, 0 },
                new object?[] { "I10", 320128, 0 },
            }), "E11.9 and I10 are in the source-to-concept map; the sample has no ICD-10 concepts, so no source concept");
            Assert.That(manifest.Omop!.Tables["condition_occurrence"], Is.EqualTo(new OmopTableCount(4, 2)));
            Assert.That(Rows(manifest, "SELECT DISTINCT unit_source_value, unit_concept_id FROM read_parquet($1) ORDER BY 1", "measurement"),
                Is.EqualTo(new[] { new object?[] { "mmol/l", 8753 }, new object?[] { "mmol/mol", 9579 } }), "Lake's mmol/l is UCUM's mmol/L; the unit source value stays as delivered");
        });
    }

    [Test]
    public void Run_SampleVocabularyWithoutEhrOrGenderConcepts_WritesZeroForThem()
    {
        var manifest = Extract();

        var people = Rows(manifest, "SELECT DISTINCT gender_concept_id, race_concept_id FROM read_parquet($1)", "person");
        var types = Rows(manifest, "SELECT DISTINCT condition_type_concept_id FROM read_parquet($1)", "condition_occurrence");
        Assert.Multiple(() =>
        {
            Assert.That(people, Is.EqualTo(new[] { new object?[] { 0, 0 } }), "8507/8532 are not in the sample CONCEPT.csv");
            Assert.That(types, Is.EqualTo(new[] { new object?[] { 0 } }), "32817 (EHR) is not in the sample CONCEPT.csv");
            Assert.That(manifest.Omop!.Tables["person"].Mapped, Is.Zero);
        });
    }

    [Test]
    public void Run_AthenaTabSeparatedVocabulary_IsReadLikeTheCommaSeparatedOne()
    {
        var manifest = Extract(vocabulary: Path.Combine(Samples, "athena-tab"));

        Assert.Multiple(() =>
        {
            Assert.That(Rows(manifest, "SELECT DISTINCT unit_concept_id FROM read_parquet($1) WHERE unit_source_value = 'mmol/mol'", "measurement"),
                Is.EqualTo(new[] { new object?[] { 9579 } }));
            Assert.That(manifest.Omop!.Tables["condition_occurrence"].Mapped, Is.Zero, "no source-to-concept map in this folder, and no ICD-10 concepts");
            Assert.That(manifest.Omop.VocabularyVersion, Is.EqualTo("unknown"), "no VOCABULARY.csv in this folder");
        });
    }

    [Test]
    public void Run_Omop_ReadmeListsEachTableWithItsMappedShare()
    {
        var manifest = Extract();

        var readme = DeliveryReadme.TryRead(Folder(manifest));
        Assert.That(readme, Does.Contain("## omop/").And.Contain("| condition_occurrence | 4 | 2 (50%) |").And.Contain("| person | 2 | 0 (0%) |").And.Contain("release v5.0 09-APR-22*"));
    }

    [Test]
    public void Run_OmopWithYearPrecision_KeepsNoMonthDayOrTimeTheDeliveryDoesNotHave()
    {
        var manifest = Extract(datePrecision: "year");

        Assert.Multiple(() =>
        {
            Assert.That(Rows(manifest, "SELECT DISTINCT year_of_birth, month_of_birth, day_of_birth, birth_datetime FROM read_parquet($1) ORDER BY 1", "person"),
                Is.EqualTo(new[] { new object?[] { 1960, null, null, null }, new object?[] { 1975, null, null, null } }));
            Assert.That(Rows(manifest, "SELECT DISTINCT CAST(condition_start_date AS VARCHAR), condition_start_datetime FROM read_parquet($1) ORDER BY 1", "condition_occurrence"),
                Is.EqualTo(new[] { new object?[] { "2015-01-01", null }, new object?[] { "2019-01-01", null }, new object?[] { "2022-01-01", null } }));
        });
    }

    [Test]
    public void Run_OmopWithoutFreeText_HasNoNoteTable()
    {
        var manifest = Extract();

        var folder = Path.Combine(Folder(manifest), OmopDelivery.Folder);
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(folder, "note.parquet")), Is.False);
            Assert.That(manifest.Omop!.Tables.Keys, Does.Not.Contain("note"));
            Assert.That(File.Exists(Path.Combine(folder, "person.parquet")), Is.True);
        });
    }

    [Test]
    public void Run_Replay_GivesEveryPersonTheSameIdOrderedByStudyPseudonym()
    {
        var first = Extract();
        var second = Extract();

        var people = Rows(first, "SELECT person_id, person_source_value FROM read_parquet($1) ORDER BY person_id", "person");
        var expected = new[] { Anna, Ville }.Select(h => _pseudonymizer.StudyPseudonym("S1", _pseudonymizer.IdentityOf(h)).ToString()).Order(StringComparer.Ordinal)
            .Select((pseudonym, i) => new object?[] { i + 1, pseudonym });
        Assert.Multiple(() =>
        {
            Assert.That(people, Is.EqualTo(expected));
            Assert.That(Rows(second, "SELECT person_id, person_source_value FROM read_parquet($1) ORDER BY person_id", "person"), Is.EqualTo(people));
            Assert.That(Rows(second, "SELECT * FROM read_parquet($1) ORDER BY 1", "condition_occurrence"),
                Is.EqualTo(Rows(first, "SELECT * FROM read_parquet($1) ORDER BY 1", "condition_occurrence")));
        });
    }

    [Test]
    public void Run_OmopWithoutVocabulary_IsRefusedBeforeAnythingIsExtracted()
    {
        var error = Assert.Throws<OmopVocabularyException>(() => Extract(vocabulary: null));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("Omop:Vocabulary").And.Contain("Leave omop out"));
            Assert.That(Directory.Exists(Path.Combine(_folder.File("delivery"), "S1")), Is.False);
        });
    }

    [Test]
    public void Run_Omop_NoIdentityCodeOrLakePseudonymInTheOmopFiles()
    {
        var manifest = Extract(freeText: true);

        var content = string.Concat(Directory.EnumerateFiles(Path.Combine(Folder(manifest), OmopDelivery.Folder)).Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        foreach (var hetu in new[] { Anna, Ville })
        {
            Assert.That(content, Does.Not.Contain(hetu.Value));
            Assert.That(content, Does.Not.Contain(_pseudonymizer.IdentityOf(hetu).ToString()), "the lake's own pseudonym stays in the lake");
        }
    }

    [Test]
    public void Run_VocabularyFolderWithNeitherFile_NamesTheSettingAndTheFiles()
    {
        var empty = _folder.File("empty-vocabulary");
        Directory.CreateDirectory(empty);

        var error = Assert.Throws<OmopVocabularyException>(() => Extract(vocabulary: empty));

        Assert.That(error!.Message, Does.Contain("Omop:Vocabulary").And.Contain("neither CONCEPT.csv nor SOURCE_TO_CONCEPT_MAP.csv"));
    }

    [Test]
    public void Run_OmopAndCsv_WritesEachTableAsCsvWithTheSameRows()
    {
        var manifest = Extract(csv: true);

        var csv = manifest.Omop!.Files.Where(f => f.Name.EndsWith(".csv", StringComparison.Ordinal)).ToDictionary(f => f.Register, f => f.Rows);
        Assert.Multiple(() =>
        {
            Assert.That(csv.Keys, Is.EquivalentTo(manifest.Omop.Tables.Keys.Select(t => "omop." + t)));
            foreach (var (table, count) in manifest.Omop.Tables)
                Assert.That(File.ReadLines(Path.Combine(Folder(manifest), OmopDelivery.Folder, table + ".csv")).Count() - 1, Is.EqualTo(count.Rows), table);
        });
    }

    private DeliveryManifest Extract(bool freeText = false, string? vocabulary = "vocabulary", bool csv = false, string datePrecision = "exact")
    {
        var options = vocabulary is null ? null : new OmopOptions { Vocabulary = Path.IsPathRooted(vocabulary) ? vocabulary : Path.Combine(Samples, vocabulary) };
        var runner = ExtractionRunner.Over(_layout, RegisterCatalog.Shipped, new DeliveryArea(_folder.Path, OperatingSystemAccounts.None), _pseudonymizer, TimeProvider.System, options);
        var permit = new Permit
        {
            Id = "P1",
            StudyId = "S1",
            Registers = ["diagnosis", "patient_background", "laboratory", "patient_record_text"],
            Expires = new DateOnly(2099, 1, 1),
            Members = ["anna.researcher"],
            RecordedAt = DateTimeOffset.UtcNow,
            AllowsFreeText = true,
        };
        List<DatasetRequest> datasets = [new() { Register = "diagnosis" }, new() { Register = "patient_background" }, new() { Register = "laboratory" }];
        if (freeText)
            datasets.Add(new DatasetRequest { Register = "patient_record_text" });
        var specification = new StudySpecification
        {
            Cohort = new CohortCriteria { Icd10 = ["E11"] },
            Datasets = datasets,
            Delivery = new DeliveryOptions { Omop = true, FreeText = freeText, Csv = csv, DatePrecision = datePrecision },
        };
        return runner.Run(Guid.NewGuid(), permit, "anna.researcher", specification);
    }

    /// <summary>A fresh DuckDB with OHDSI's DDL as published, each delivered table inserted as it is: a wrong type or column fails the insert.</summary>
    private DuckDBConnection LoadUnderOfficialDdl(DeliveryManifest manifest)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var ddl = File.ReadAllText(Path.Combine(RepositoryFolders.Root, "src", "Extract", "Omop", "OMOPCDM_duckdb_5.4_ddl.sql"));
        Execute(connection, "CREATE SCHEMA cdm");
        Execute(connection, ddl.Replace("@cdmDatabaseSchema", "cdm", StringComparison.Ordinal));
        foreach (var table in manifest.Omop!.Tables.Keys)
            Execute(connection, $"INSERT INTO cdm.{table} SELECT * FROM read_parquet($1)", Path.Combine(Folder(manifest), OmopDelivery.Folder, table + ".parquet"));
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql, params object[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
            command.Parameters.Add(new DuckDBParameter(parameter));
        command.ExecuteNonQuery();
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<object?[]> Rows(DuckDBConnection connection, string sql, params object[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
            command.Parameters.Add(new DuckDBParameter(parameter));
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(c => reader.IsDBNull(c) ? null : reader.GetValue(c))]);
        return rows;
    }

    private static long Rows(DeliveryManifest manifest, string register) =>
        manifest.Files.Where(f => f.Register == register && f.Name.EndsWith(".parquet", StringComparison.Ordinal)).Sum(f => f.Rows);

    private List<object?[]> Rows(DeliveryManifest manifest, string sql, string table)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return Rows(connection, sql, Path.Combine(Folder(manifest), OmopDelivery.Folder, table + ".parquet"));
    }

    private string Folder(DeliveryManifest manifest) => Path.Combine(_folder.File("delivery"), "S1", manifest.RequestId.ToString());

    private string Feed(string name, string header, params string[] rows)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, string.Join("\n", [header, .. rows]) + "\n");
        return path;
    }

    private static SourceDescriptor BackgroundDescriptor() => new()
    {
        System = "Apotti",
        Register = "patient_background",
        Years = new YearRange { From = 2018 },
        Identity = "hetu",
        Columns = new Dictionary<string, ColumnMapping>
        {
            ["birth_date"] = new() { Identity = "birth_date" },
            ["sex"] = new() { Identity = "sex" },
            ["death_date"] = new() { From = "death", Format = "yyyy-MM-dd" },
        },
    };

    private static SourceDescriptor LabDescriptor() => new()
    {
        System = "Multilab",
        Register = "laboratory",
        Years = new YearRange { From = 2000 },
        Identity = "hetu",
        Columns = new Dictionary<string, ColumnMapping>
        {
            ["sample_time"] = new() { From = "at", Format = "yyyy-MM-ddTHH:mm:ss" },
            ["test_code"] = new() { From = "code" },
            ["result_value"] = new() { From = "value" },
            ["result_unit"] = new() { From = "unit" },
        },
    };

    private static SourceDescriptor TextDescriptor() => new()
    {
        System = "Uranus",
        Register = "patient_record_text",
        Years = new YearRange { From = 2002, To = 2020 },
        Format = new FeedFormat { Delimiter = ";" },
        Identity = "hetu",
        Columns = new Dictionary<string, ColumnMapping>
        {
            ["recorded_at"] = new() { From = "at", Format = "yyyy-MM-ddTHH:mm:ss" },
            ["text_type"] = new() { From = "type" },
            ["text"] = new() { From = "text" },
        },
    };
}
