using Lake.Contracts.Registers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Hl7.Fhir.Model;
using Lake.Contracts.Lake;
using Lake.Extract.Querying;
using Lake.Ingest.Mapping;
using Lake.Pseudonymization;
using nietras.SeparatedValues;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// A FHIR R4 Bulk Data export (<see cref="FhirBulkExport"/>) ingested through the command line with
/// the shipped descriptors (sources/fhir), in the order docs/fhir-bulk.md gives: Patient first,
/// then every other file; then a second export bringing a Patient the first one's resources already
/// referred to, and every file of the first export ingested again.
/// </summary>
[TestFixture]
[NonParallelizable] // Drives the CLI, which writes to the console.
public sealed partial class FhirBulkExportTests
{
    /// <summary>Each file of the export and the descriptors that read it.</summary>
    private static readonly (string File, string[] Descriptors)[] ExportFiles =
    [
        ("Condition.ndjson", ["fhir-r4-condition"]),
        ("Encounter.ndjson", ["fhir-r4-encounter"]),
        ("Observation.ndjson", ["fhir-r4-observation", "fhir-r4-observation-vital-signs"]),
        ("MedicationRequest.ndjson", ["fhir-r4-medicationrequest"]),
        ("Procedure.ndjson", ["fhir-r4-procedure"]),
        ("DocumentReference.ndjson", ["fhir-r4-documentreference"]),
    ];

    private string _root = "";
    private string _data = "";
    private string _keyRing = "";
    private LakeLayout _layout = null!;
    private FhirBulkExport _export = null!;
    private Pseudonymizer _pseudonymizer = null!;
    private Dictionary<string, BatchCommit> _firstBatch = [];
    private string _reingestOutput = "";

    [OneTimeSetUp]
    public async System.Threading.Tasks.Task IngestBothExports()
    {
        _root = Path.Combine(Path.GetTempPath(), "lake-fhir-" + Guid.NewGuid().ToString("N"));
        _data = Path.Combine(_root, "data");
        _keyRing = Path.Combine(_root, "keys", "keyring.json");
        _layout = new LakeLayout(Path.Combine(_data, "lake"));
        _export = FhirBulkExport.Create();
        await LakeConsole.InitAsync(_data);
        FhirBulkExport.Write(_export.First, Path.Combine(_root, "export-1"));
        FhirBulkExport.Write(_export.Second, Path.Combine(_root, "export-2"));

        await IngestAsync("fhir-r4-patient", Path.Combine(_root, "export-1", "Patient.ndjson"));
        foreach (var (file, descriptors) in ExportFiles)
        {
            foreach (var descriptor in descriptors)
            {
                await IngestAsync(descriptor, Path.Combine(_root, "export-1", file));
                _firstBatch[descriptor] = new CommitLog(_layout).ReadAll().Last();
            }
        }

        await IngestAsync("fhir-r4-patient", Path.Combine(_root, "export-2", "Patient.ndjson"));
        var output = new StringBuilder();
        foreach (var (file, descriptors) in ExportFiles)
        {
            foreach (var descriptor in descriptors)
                output.AppendLine(await IngestAsync(descriptor, Path.Combine(_root, "export-1", file)));
        }

        _reingestOutput = output.ToString();
        _pseudonymizer = new Pseudonymizer(KeyRing.OpenOrCreate(_keyRing, TimeProvider.System));
    }

    [OneTimeTearDown]
    public void RemoveData()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void Ingest_EveryResource_IsWrittenQuarantinedOrExcludedAndEveryUnresolvableReferenceIsQuarantined()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var (file, descriptors) in ExportFiles)
            {
                foreach (var descriptor in descriptors)
                {
                    var batch = Latest(descriptor);
                    var resources = _export.First[file];
                    Assert.That(batch.RowsRead, Is.EqualTo(resources.Count), descriptor);
                    Assert.That(batch.RowsWritten + batch.RowsQuarantined + batch.ExcludedByReason.Values.Sum(), Is.EqualTo(batch.RowsRead), descriptor);

                    // Lines (1-based) whose subject no Patient of either export with an identity code has, among the resources the descriptor keeps.
                    var unresolvable = resources.Select((r, i) => (Resource: r, Line: i + 1L))
                        .Where(p => FhirBulkExport.SubjectId(p.Resource) is not { } id || id == FhirBulkExport.PatientWithoutIdentityCode)
                        .Where(p => KeptBy(descriptor, p.Resource))
                        .Select(p => p.Line);
                    Assert.That(QuarantinedLines(batch, RejectionReasons.UnknownPatientReference), Is.EqualTo(unresolvable), descriptor);
                }
            }
        }
    }

    [Test]
    public void Lake_EveryRegistersPseudonyms_AreThoseOfTheExportsPatients()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var register in new[] { "patient_background", "diagnosis", "visit", "laboratory", "basic_measurement", "medication", "procedure", "patient_record_text" })
            {
                var expected = FhirBulkExport.Patients.Select(p => p.Hetu).Append(FhirBulkExport.LatePatient.Hetu).Select(h => PseudonymOf(h, register)).ToHashSet();
                var found = Query($"SELECT DISTINCT pseudonym FROM {Files(register)}").Select(r => (Guid)r[0]!).ToList();
                Assert.That(found, Is.Not.Empty, register);
                Assert.That(found.Where(p => !expected.Contains(p)), Is.Empty, register);
            }
        }
    }

    [Test]
    public void Ingest_ReferenceToAPatientOfTheNextExport_IsQuarantinedThenPickedUpWhenTheFeedIsIngestedAgain()
    {
        var first = _firstBatch["fhir-r4-condition"];
        var latest = Latest("fhir-r4-condition");
        var late = PseudonymOf(FhirBulkExport.LatePatient.Hetu, "diagnosis");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.QuarantinedByReason[RejectionReasons.UnknownPatientReference], Is.EqualTo(2), "the late Patient and the one without an identity code");
            Assert.That(latest.Supersedes, Is.EqualTo(first.BatchId));
            Assert.That(latest.QuarantinedByReason[RejectionReasons.UnknownPatientReference], Is.EqualTo(1), "the Patient without an identity code never resolves");
            Assert.That(Query($"SELECT code FROM {Files("diagnosis")} WHERE pseudonym = $1", late).Select(r => r[0]), Is.EqualTo(new[] { "J45.9" }));
            foreach (var descriptor in new[] { "fhir-r4-encounter", "fhir-r4-observation-vital-signs", "fhir-r4-documentreference" })
                Assert.That(Latest(descriptor).Supersedes, Is.EqualTo(_firstBatch[descriptor].BatchId), descriptor);
            foreach (var descriptor in new[] { "fhir-r4-observation", "fhir-r4-medicationrequest", "fhir-r4-procedure" })
                Assert.That(Latest(descriptor).BatchId, Is.EqualTo(_firstBatch[descriptor].BatchId), $"{descriptor}: nothing of it waited for the late Patient");
            Assert.That(_reingestOutput, Does.Contain($"supersedes batch {first.BatchId}").And.Contain("already ingested"));
        }
    }

    [Test]
    public void Lake_Snapshot_CountsEveryRowOnceThoughTheFeedsWereReadTwice()
    {
        // Anna, Bertil, Daniel and the late Patient; Cecilia's Condition has no ICD-10 code, one Condition is entered in error.
        Assert.That(Query($"SELECT count(*) FROM {Files("diagnosis")}").Single()[0], Is.EqualTo(4L));
        Assert.That(Latest("fhir-r4-condition").QuarantinedByReason, Is.EqualTo(new Dictionary<string, long>
        {
            [RejectionReasons.UnknownPatientReference] = 1, [RejectionReasons.MissingRequired] = 1,
        }));
    }

    [Test]
    public void Ingest_Patients_WritesTheBackgroundFromTheIdentityCodeAndQuarantinesThePatientWithoutOne()
    {
        var patients = new CommitLog(_layout).ReadAll().Where(c => c.Register == "patient_background").ToList();
        var daniel = PseudonymOf(FhirBulkExport.Patients[3].Hetu, "patient_background");
        var anna = PseudonymOf(FhirBulkExport.Patients[0].Hetu, "patient_background");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(patients.Select(p => (p.RowsWritten, p.RowsQuarantined)), Is.EqualTo(new[] { (4L, 1L), (1L, 0L) }));
            Assert.That(patients[0].QuarantinedByReason.Keys, Is.EqualTo(new[] { RejectionReasons.InvalidIdentity }));
            Assert.That(Query($"SELECT CAST(birth_date AS VARCHAR), sex, CAST(death_date AS VARCHAR) FROM {Files("patient_background")} WHERE pseudonym = $1", daniel).Single(),
                Is.EqualTo(new object?[] { "1945-06-30", "male", "2023-05-01" }));
            Assert.That(Query($"SELECT municipality, CAST(updated AS VARCHAR) FROM {Files("patient_background")} WHERE pseudonym = $1", anna).Single(),
                Is.EqualTo(new object?[] { "Helsinki", "2023-01-03" }), "the municipality from the extension; an instant's Finnish day");
        }
    }

    [Test]
    public void Lake_FhirTimes_AreFinnishLocalTimes()
    {
        var bertil = PseudonymOf(FhirBulkExport.Patients[1].Hetu, "diagnosis");
        var daniel = PseudonymOf(FhirBulkExport.Patients[3].Hetu, "diagnosis");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Query($"SELECT strftime(recorded_at, '%Y-%m-%d %H:%M:%S') FROM {Files("diagnosis")} WHERE pseudonym = $1", bertil).Single()[0], Is.EqualTo("2022-07-04 11:15:00"), "08:15Z in summer");
            Assert.That(Query($"SELECT strftime(recorded_at, '%Y-%m-%d %H:%M:%S') FROM {Files("diagnosis")} WHERE pseudonym = $1", daniel).Single()[0], Is.EqualTo("2021-11-12 00:00:00"), "a date alone");
            Assert.That(Query($"SELECT strftime(sample_time, '%H:%M') FROM {Files("laboratory")} WHERE test_code = '2095'").Single()[0], Is.EqualTo("10:30"), "effectivePeriod.start when there is no effectiveDateTime");
        }
    }

    [Test]
    public void Ingest_ObservationsWithoutAValue_AreKeptAsLaboratoryResultsAndQuarantinedAsVitalSigns()
    {
        var cecilia = PseudonymOf(FhirBulkExport.Patients[2].Hetu, "laboratory");
        var vitals = Latest("fhir-r4-observation-vital-signs");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Query($"SELECT test_code, result_value, result_text FROM {Files("laboratory")} WHERE pseudonym = $1", cecilia).Single(), Is.EqualTo(new object?[] { "718-7", null, null }));
            Assert.That(Query($"SELECT test_code, test_name, result_value, result_unit FROM {Files("laboratory")} WHERE test_code = '1468'").Single(), Is.EqualTo(new object?[] { "1468", "P -Gluk", 5.4, "mmol/l" }));
            Assert.That(vitals.QuarantinedByReason, Is.EqualTo(new Dictionary<string, long>
            {
                [RejectionReasons.MissingRequired] = 1, // The weight not weighed.
                [RejectionReasons.UnmappedValue] = 1, // The blood-pressure panel: its values are components.
                [RejectionReasons.UnknownPatientReference] = 1,
            }));
            Assert.That(Query($"SELECT measurement, value FROM {Files("basic_measurement")} ORDER BY measurement").Select(r => (r[0], r[1])),
                Is.EqualTo(new (object?, object?)[] { ("pulse", 72.0), ("temperature", 37.2) }));
        }
    }

    [Test]
    public void Lake_RecordTexts_AreTheDecodedNotesWithIdentityCodesMasked()
    {
        var anna = PseudonymOf(FhirBulkExport.Patients[0].Hetu, "patient_record_text");
        var documents = Latest("fhir-r4-documentreference");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Query($"SELECT text FROM {Files("patient_record_text")} WHERE pseudonym = $1", anna).Single()[0],
                Is.EqualTo(FhirBulkExport.AnnaNote.Replace(FhirBulkExport.Relative.Value, HetuText.Replacement, StringComparison.Ordinal)
                    .Replace(FhirBulkExport.Patients[0].Hetu.Value, HetuText.Replacement, StringComparison.Ordinal)));
            Assert.That(documents.WarningsByCheck[WarningChecks.IdentityCodeInText], Is.EqualTo(2));
            Assert.That(documents.QuarantinedByReason, Is.EqualTo(new Dictionary<string, long> { [RejectionReasons.MissingRequired] = 1 }), "the PDF-only document has no text");
        }
    }

    [Test]
    public async System.Threading.Tasks.Task Lake_Files_HoldNoIdentityCodeOfTheExport()
    {
        var codes = FhirBulkExport.EveryIdentityCode.Select(h => h.Value).ToList();
        var files = Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories).ToList();
        var index = _layout.FhirPatientIndexPath("apotti");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(files, Does.Contain(index), "the Patient index is kept in the data folder");
            Assert.That(File.GetUnixFileMode(index), Is.EqualTo(OwnerOnly.FileMode));
            Assert.That(files.Count(f => f.EndsWith(".parquet", StringComparison.Ordinal)), Is.GreaterThan(8));
            foreach (var file in files)
            {
                var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
                Assert.That(codes.Where(text.Contains), Is.Empty, file);
                Assert.That(HetuShape().IsMatch(text), Is.False, file);
            }

            // Parquet pages are compressed, so the raw scan cannot see into them; read every value too.
            foreach (var register in Directory.EnumerateDirectories(_layout.Root).Select(Path.GetFileName).Where(n => !n!.StartsWith('_')))
            {
                var values = Query($"SELECT CAST(r AS VARCHAR) FROM read_parquet('{Path.Combine(_layout.Root, register!, "**", "*.parquet")}', hive_partitioning = false) r")
                    .Select(r => (string)r[0]!).ToList();
                Assert.That(values.Where(v => HetuShape().IsMatch(v) || codes.Any(v.Contains)), Is.Empty, register);
            }
        }
    }

    private async Task<string> IngestAsync(string descriptor, string feed)
    {
        var result = await LakeConsole.RunAsync("ingest", "--source", "fhir/" + descriptor, feed, "--data", _data, "--keyring", _keyRing, "--sources", RepositoryPaths.Sources);
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        return result.Output;
    }

    /// <summary>Whether a descriptor's filters keep a resource (the category split and the statuses the test's resources use).</summary>
    private static bool KeptBy(string descriptor, Resource resource) => resource switch
    {
        Observation o when descriptor == "fhir-r4-observation" => FhirBulkExport.CategoryOf(o) == "laboratory",
        Observation o => FhirBulkExport.CategoryOf(o) == "vital-signs",
        Condition c => c.VerificationStatus?.Coding[0].Code != "entered-in-error",
        Encounter e => e.Status != Encounter.EncounterStatus.Cancelled,
        _ => true,
    };

    /// <summary>The batch readers see now for a descriptor's feed.</summary>
    private BatchCommit Latest(string descriptor)
    {
        var first = _firstBatch[descriptor];
        return LakeSnapshot.Take(_layout, RegisterCatalog.Shipped).Batches.Single(b => b.BatchId.StartsWith(first.BatchId, StringComparison.Ordinal));
    }

    private List<long> QuarantinedLines(BatchCommit batch, string reason)
    {
        var path = _layout.QuarantinePath(batch.BatchId);
        if (!File.Exists(path))
            return [];
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromFile(path);
        return reader.Enumerate(row => (Reason: row["reason"].ToString(), Line: long.Parse(row["line"].Span, CultureInfo.InvariantCulture)))
            .Where(r => r.Reason == reason).Select(r => r.Line).Order().ToList();
    }

    private Guid PseudonymOf(Hetu hetu, string register) => _pseudonymizer.RegisterPseudonym(register, _pseudonymizer.IdentityOf(hetu), 1);

    /// <summary>A register's files as the lake's readers see them: those of the snapshot's batches, superseded ones left out.</summary>
    private string Files(string register) =>
        "read_parquet([" + string.Join(", ", LakeSnapshot.Take(_layout, RegisterCatalog.Shipped).FilesOf(register).Select(f => $"'{f.Replace("'", "''", StringComparison.Ordinal)}'")) + "], hive_partitioning = false)";

    private static List<object?[]> Query(string sql, params object[] parameters)
    {
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
            command.Parameters.Add(new DuckDBParameter(parameter));
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y](?![0-9A-Za-z])")]
    private static partial Regex HetuShape();
}
