using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Lake.Contracts.Extraction;
using NJsonSchema;

namespace Lake.Extract.Tests.Delivery;

/// <summary>
/// datapackage.json, the delivery's codebook for programs: valid against the Frictionless profiles,
/// and the same typed table whichever file of a dataset (Parquet, CSV typed by the codebook, Arrow) is read.
/// </summary>
public sealed partial class ExtractionRunnerTests
{
    private static readonly DeliveryOptions EveryFormat = new() { Csv = true, Arrow = true };

    private static readonly DatasetRequest[] ThreeRegisters =
    [
        new() { Register = "diagnosis" }, new() { Register = "laboratory" }, new() { Register = "patient_background" },
    ];

    [TestCase("data-package.json")]
    [TestCase("tabular-data-package.json")]
    public async Task Run_Delivery_DataPackageIsValidAgainstTheFrictionlessProfile(string profile)
    {
        await IngestPatientBackground();
        var manifest = Extract(EveryFormat, datasets: ThreeRegisters);

        var errors = (await Profile(profile)).Validate(File.ReadAllText(Delivered(manifest, "datapackage.json")));

        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
    }

    [TestCase("resources", "[]", "TooFewItems")]
    [TestCase("hash", "\"sha256:not-hexadecimal\"", "PatternMismatch")]
    [TestCase("type", "\"text\"", "NotAnyOf")]
    [TestCase("name", "\"Diagnosis CSV\"", "PatternMismatch")]
    public async Task Validate_BrokenDataPackage_IsRejected(string property, string broken, string kind)
    {
        var manifest = Extract(EveryFormat);
        var package = JsonNode.Parse(File.ReadAllText(Delivered(manifest, "datapackage.json")))!.AsObject();
        var resource = package["resources"]!.AsArray()[2]!.AsObject();
        var target = property switch
        {
            "resources" => package,
            "type" => resource["schema"]!["fields"]!.AsArray()[1]!.AsObject(),
            _ => resource,
        };
        target[property] = JsonNode.Parse(broken);

        var errors = (await Profile("tabular-data-package.json")).Validate(package.ToJsonString());

        Assert.That(errors.SelectMany(Flatten).Select(e => e.Kind.ToString()), Does.Contain(kind));
    }

    [Test]
    public async Task Run_Delivery_DataPackageDescribesEveryFileWithItsColumnsKeysAndChecksum()
    {
        await IngestPatientBackground();
        var manifest = Extract(EveryFormat, datasets: ThreeRegisters);

        var resources = JsonNode.Parse(File.ReadAllText(Delivered(manifest, "datapackage.json")))!["resources"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var byName = resources.ToDictionary(r => (string)r["name"]!);
        var laboratory = byName["laboratory-csv"];
        var fields = laboratory["schema"]!["fields"]!.AsArray().ToDictionary(f => (string)f!["name"]!, f => f!.AsObject());
        var height = byName["patient-background-parquet"]["schema"]!["fields"]!.AsArray().Single(f => (string)f!["name"]! == "height_cm")!;
        Assert.Multiple(() =>
        {
            Assert.That(resources.Select(r => (string)r["path"]!), Is.EqualTo(manifest.Files.Select(f => f.Name)));
            foreach (var resource in resources)
            {
                var path = Delivered(manifest, (string)resource["path"]!);
                Assert.That((string)resource["hash"]!, Is.EqualTo("sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))), path);
                Assert.That((long)resource["bytes"]!, Is.EqualTo(new FileInfo(path).Length), path);
            }

            Assert.That((string)laboratory["mediatype"]!, Is.EqualTo("text/csv"));
            Assert.That((string)laboratory["encoding"]!, Is.EqualTo("utf-8"));
            Assert.That((string)byName["laboratory-parquet"]["mediatype"]!, Is.EqualTo("application/vnd.apache.parquet"));
            Assert.That(fields.Keys, Is.EqualTo(new[] { "study_id", "sample_time", "test_code", "test_name", "result_value", "result_text", "result_unit", "ordering_unit", "source_system" }));
            Assert.That(fields.Values.Select(f => (string)f["type"]!), Is.EqualTo(new[] { "string", "datetime", "string", "string", "number", "string", "string", "string", "string" }));
            Assert.That((string)fields["sample_time"]["format"]!, Is.EqualTo("%Y-%m-%dT%H:%M:%S.%f%z"));
            Assert.That((string)fields["test_code"]["description"]!, Is.EqualTo("Laboratory examination number (e.g. 2095)."));
            Assert.That((string)fields["study_id"]["description"]!, Is.EqualTo("The patient's pseudonym in this study."));
            Assert.That(laboratory["schema"]!["missingValues"]!.ToJsonString(), Is.EqualTo("[\"\"]"));
            Assert.That(laboratory["schema"]!["foreignKeys"]!.ToJsonString(), Is.EqualTo("[{\"fields\":[\"study_id\"],\"reference\":{\"resource\":\"cohort-csv\",\"fields\":[\"study_id\"]}}]"));
            Assert.That(laboratory["schema"]!["primaryKey"], Is.Null, "the laboratory's event key includes result columns that may be empty");
            Assert.That(byName["diagnosis-arrow"]["schema"]!["primaryKey"]!.ToJsonString(), Is.EqualTo("[\"study_id\",\"code\",\"recorded_at\"]"));
            Assert.That(byName["cohort-parquet"]["schema"]!["primaryKey"]!.ToJsonString(), Is.EqualTo("[\"study_id\"]"));
            Assert.That(byName["cohort-parquet"]["schema"]!["foreignKeys"], Is.Null);
            Assert.That(height.ToJsonString(), Does.Contain("\"type\":\"number\"").And.Contain("\"unit\":\"cm\"").And.Contain("\"precision\":4,\"scale\":1"));
        });
    }

    [TestCase("cohort")]
    [TestCase("diagnosis")]
    [TestCase("laboratory")]
    [TestCase("patient_background")]
    public async Task Run_EveryFormat_ParquetCsvAndArrowReadAsTheSameTypedTable(string dataset)
    {
        await IngestPatientBackground();
        var manifest = Extract(EveryFormat, datasets: ThreeRegisters);

        var package = JsonNode.Parse(File.ReadAllText(Delivered(manifest, "datapackage.json")))!;
        var csvResource = package["resources"]!.AsArray().Single(r => (string)r!["path"]! == dataset + ".csv")!.AsObject();
        var parquet = await TypedFrame.FromParquetAsync(Delivered(manifest, dataset + ".parquet"));
        var csv = TypedFrame.FromCsv(Delivered(manifest, dataset + ".csv"), csvResource);
        var arrow = TypedFrame.FromArrow(Delivered(manifest, dataset + ".arrow"));
        var pseudonyms = new[] { Anna, Ville }.Select(h => _pseudonymizer.StudyPseudonym("S1", _pseudonymizer.IdentityOf(h)).ToString("D"));
        Assert.Multiple(() =>
        {
            Assert.That(parquet.Rows, Is.Not.Empty);
            Assert.That(csv.Columns, Is.EqualTo(parquet.Columns), "the codebook's types are the Parquet file's");
            Assert.That(arrow.Columns, Is.EqualTo(parquet.Columns));
            Assert.That(csv.Rows, Is.EqualTo(parquet.Rows));
            Assert.That(arrow.Rows, Is.EqualTo(parquet.Rows));
            Assert.That(parquet.Columns[0], Is.EqualTo("study_id: string"));
            Assert.That(parquet.Rows.Select(r => r[0]).Distinct(), Is.SubsetOf(pseudonyms));
            Assert.That(parquet.Columns, Has.None.StartWith("local"), "no time stamp without its zone");
        });
    }

    [Test]
    public async Task Run_EveryFormat_InstantsAreTheUtcTimesOfTheHospitalsWallClock()
    {
        var manifest = Extract(EveryFormat, new DatasetRequest { Register = "laboratory" });

        var parquet = await TypedFrame.FromParquetAsync(Delivered(manifest, "laboratory.parquet"));
        var sampled = parquet.Rows.Select(r => r[parquet.Columns.ToList().IndexOf("sample_time: datetime")]).Cast<DateTime>().Order();
        // Fed as 10:00 on 2 May (EEST, UTC+3), 08:00 on 1 July and 1 September.
        Assert.That(sampled, Is.EqualTo(new DateTime[]
        {
            new(2019, 5, 2, 7, 0, 0, DateTimeKind.Utc), new(2019, 5, 2, 7, 0, 0, DateTimeKind.Utc),
            new(2019, 7, 1, 5, 0, 0, DateTimeKind.Utc), new(2019, 9, 1, 5, 0, 0, DateTimeKind.Utc),
        }));
    }

    private static async Task<JsonSchema> Profile(string name) =>
        await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Root, "tests", "data", "frictionless", name)));

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(NJsonSchema.Validation.ValidationError error) =>
        error is NJsonSchema.Validation.ChildSchemaValidationError child
            ? child.Errors.Values.SelectMany(e => e).SelectMany(Flatten).Prepend(error)
            : [error];
}
