using System.Text;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Mapping;
using Lake.Pseudonymization;

namespace Lake.Ingest.Tests;

/// <summary>FHIR Bulk Data NDJSON through the shipped descriptors (sources/fhir): identity through Patients, dates, category splits, texts.</summary>
public sealed partial class FeedIngestorTests
{
    [Test]
    public async Task IngestAsync_FhirPatientsThenConditions_FindsEachPatientThroughEveryReferenceForm()
    {
        await IngestFhirAsync("fhir-r4-patient", "Patient.ndjson", PatientJson("p-1", Alice.Value), PatientJson("p-2", Bob.Value), PatientJson("p-3", Carol.Value));

        var conditions = await IngestFhirAsync("fhir-r4-condition", "Condition.ndjson",
            ConditionJson("Patient/p-1", "2022-03-04T08:15:00Z"),
            ConditionJson("urn:uuid:p-2", "2022-07-04T08:15:00Z"),
            ConditionJson("https://fhir.apotti.example/api/FHIR/R4/Patient/p-3/_history/2", "2022-05-06"));

        Assert.Multiple(() =>
        {
            Assert.That(conditions.Commit.RowsWritten, Is.EqualTo(3), string.Join(", ", conditions.Commit.QuarantinedByReason));
            Assert.That(Query(conditions, "SELECT pseudonym, code, CAST(recorded_at AS VARCHAR) FROM files ORDER BY recorded_at").Select(r => ((Guid)r[0]!, r[1], r[2])),
                Is.EqualTo(new (Guid, object?, object?)[]
                {
                    (PseudonymOf(Alice, "diagnosis"), "E11.9", "2022-03-04 10:15:00"), // UTC+2 in winter ...
                    (PseudonymOf(Carol, "diagnosis"), "E11.9", "2022-05-06 00:00:00"), // a date alone is that day ...
                    (PseudonymOf(Bob, "diagnosis"), "E11.9", "2022-07-04 11:15:00"), // ... and UTC+3 in summer.
                }));
            Assert.That(AllBytesUnder(_layout.Root), Does.Not.Contain(Alice.Value).And.Not.Contain(Bob.Value).And.Not.Contain(Carol.Value));
        });
    }

    [Test]
    public async Task IngestAsync_ConditionOfAPatientNotYetIngested_IsQuarantinedAndPickedUpWhenTheFeedComesAgainAfterThePatient()
    {
        await IngestFhirAsync("fhir-r4-patient", "Patient.ndjson", PatientJson("p-1", Alice.Value));
        var feed = WriteNdjson("Condition.ndjson", ConditionJson("Patient/p-1", "2022-03-04T08:15:00Z"), ConditionJson("Patient/p-9", "2022-03-05T08:15:00Z"));
        var descriptor = Descriptor("fhir-r4-condition");

        var first = await _ingestor.IngestAsync(descriptor, feed);
        var again = await _ingestor.IngestAsync(descriptor, feed);
        await IngestFhirAsync("fhir-r4-patient", "Patient-2.ndjson", PatientJson("p-9", Bob.Value));
        var afterPatient = await _ingestor.IngestAsync(descriptor, feed);
        var once = await _ingestor.IngestAsync(descriptor, feed);

        Assert.Multiple(() =>
        {
            Assert.That(first.Commit.QuarantinedByReason, Is.EqualTo(new Dictionary<string, long> { [RejectionReasons.UnknownPatientReference] = 1 }));
            Assert.That(ReadQuarantine(first.QuarantinePath!).Single().Line, Is.EqualTo(2));
            Assert.That(ReadQuarantine(first.QuarantinePath!).Single().Message, Does.Contain("Patient/p-9"));
            Assert.That(again.AlreadyIngested, Is.True, "no Patient arrived in between: nothing would change");
            Assert.That(afterPatient.AlreadyIngested, Is.False);
            Assert.That(afterPatient.Commit.Supersedes, Is.EqualTo(first.Commit.BatchId));
            Assert.That(afterPatient.Commit.BatchId, Is.EqualTo(first.Commit.BatchId + "-r2"));
            Assert.That((afterPatient.Commit.RowsRead, afterPatient.Commit.RowsWritten, afterPatient.Commit.RowsQuarantined), Is.EqualTo((2L, 2L, 0L)));
            Assert.That(Query(afterPatient, "SELECT pseudonym FROM files ORDER BY recorded_at").Select(r => (Guid)r[0]!),
                Is.EqualTo(new[] { PseudonymOf(Alice, "diagnosis"), PseudonymOf(Bob, "diagnosis") }));
            Assert.That((once.AlreadyIngested, once.Commit.BatchId), Is.EqualTo((true, afterPatient.Commit.BatchId)));
        });
    }

    [Test]
    public async Task IngestAsync_PatientsWithoutAValidFinnishIdentityCode_AreQuarantinedAsInvalidIdentity()
    {
        var mistyped = Alice.Value[..^1] + (Alice.Value[^1] == 'X' ? 'Y' : 'X');

        var result = await IngestFhirAsync("fhir-r4-patient", "Patient.ndjson", PatientJson("p-1", null), PatientJson("p-2", mistyped), PatientJson("p-3", Bob.Value));

        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.RowsWritten, Is.EqualTo(1));
            Assert.That(result.Commit.QuarantinedByReason, Is.EqualTo(new Dictionary<string, long> { [RejectionReasons.InvalidIdentity] = 2 }));
            Assert.That(ReadQuarantine(result.QuarantinePath!).Select(q => (q.Line, q.Message)), Is.EqualTo(new[]
            {
                (1L, "invalid identity code: there is none ('identifier[system=urn:oid:1.2.246.21].value' is empty)"),
                (2L, "invalid identity code: check character does not match"),
            }));
            Assert.That(AllBytesUnder(_layout.Root), Does.Not.Contain(mistyped));
        });
    }

    [Test]
    public async Task IngestAsync_PatientIdLaterWithAnotherIdentityCode_IsQuarantinedAndReferencesKeepTheFirst()
    {
        await IngestFhirAsync("fhir-r4-patient", "Patient.ndjson", PatientJson("p-1", Alice.Value));

        var changed = await IngestFhirAsync("fhir-r4-patient", "Patient-2.ndjson", PatientJson("p-1", Bob.Value));
        var conditions = await IngestFhirAsync("fhir-r4-condition", "Condition.ndjson", ConditionJson("Patient/p-1", "2022-03-04T08:15:00Z"));

        Assert.Multiple(() =>
        {
            Assert.That(changed.Commit.QuarantinedByReason, Is.EqualTo(new Dictionary<string, long> { [RejectionReasons.PatientIdentityConflict] = 1 }));
            Assert.That(ReadQuarantine(changed.QuarantinePath!).Single().Record, Does.Not.Contain(Bob.Value));
            Assert.That((Guid)Query(conditions, "SELECT pseudonym FROM files").Single()[0]!, Is.EqualTo(PseudonymOf(Alice, "diagnosis")));
        });
    }

    [Test]
    public async Task IngestAsync_OtherResourceTypesAndBrokenJson_AreQuarantinedWithReasonAndLine()
    {
        await IngestFhirAsync("fhir-r4-patient", "Patient.ndjson", PatientJson("p-1", Alice.Value));

        var result = await IngestFhirAsync("fhir-r4-condition", "Condition.ndjson",
            ConditionJson("Patient/p-1", "2022-03-04T08:15:00Z"),
            PatientJson("p-1", Alice.Value),
            """{"resourceType":"Condition","subject":{"reference":"Patient/p-1"},"code":""",
            ConditionJson("Patient/p-1", "2022-03-04T10:15:00"));

        var quarantined = ReadQuarantine(result.QuarantinePath!);
        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.RowsWritten, Is.EqualTo(1));
            Assert.That(quarantined.Select(q => (q.Line, q.Reason)), Is.EqualTo(new[]
            {
                (2L, RejectionReasons.UnexpectedResourceType), (3L, RejectionReasons.UnreadableRecord), (4L, RejectionReasons.InvalidDate),
            }));
            Assert.That(quarantined[0].Message, Does.Contain("is a Patient, but this feed holds Condition"));
            Assert.That(quarantined[2].Message, Does.Contain("no UTC offset"));
            Assert.That(AllBytesUnder(_layout.Root), Does.Not.Contain(Alice.Value));
        });
    }

    [Test]
    public async Task IngestAsync_OneObservationFile_SplitsByCategoryAndDecidesOnMissingValuesByTheRegister()
    {
        await IngestFhirAsync("fhir-r4-patient", "Patient.ndjson", PatientJson("p-1", Alice.Value));
        var feed = WriteNdjson("Observation.ndjson",
            ObservationJson("laboratory", "2345-7", """ "valueQuantity":{"value":5.4,"unit":"mmol/l"} """),
            ObservationJson("laboratory", "2345-7", """ "dataAbsentReason":{"text":"hemolysoitunut"} """),
            ObservationJson("vital-signs", "8867-4", """ "valueQuantity":{"value":72,"unit":"/min"} """),
            ObservationJson("vital-signs", "29463-7", """ "dataAbsentReason":{"text":"ei punnittu"} """),
            ObservationJson("social-history", "72166-2", """ "valueCodeableConcept":{"text":"never smoker"} """));

        var laboratory = await _ingestor.IngestAsync(Descriptor("fhir-r4-observation"), feed);
        var vitals = await _ingestor.IngestAsync(Descriptor("fhir-r4-observation-vital-signs"), feed);

        Assert.Multiple(() =>
        {
            Assert.That(Query(laboratory, "SELECT test_code, result_value, result_unit FROM files ORDER BY result_value NULLS LAST").Select(r => (r[0], r[1], r[2])),
                Is.EqualTo(new (object?, object?, object?)[] { ("2345-7", 5.4, "mmol/l"), ("2345-7", null, null) }), "a laboratory Observation without a value is kept, without a result");
            Assert.That(laboratory.Commit.ExcludedByReason, Is.EqualTo(new Dictionary<string, long> { ["not_laboratory"] = 3 }));
            Assert.That(Query(vitals, "SELECT measurement, value, value_unit FROM files").Select(r => (r[0], r[1], r[2])),
                Is.EqualTo(new (object?, object?, object?)[] { ("pulse", 72.0, "/min") }));
            Assert.That(vitals.Commit.QuarantinedByReason, Is.EqualTo(new Dictionary<string, long> { [RejectionReasons.MissingRequired] = 1 }), "a vital sign without a value is quarantined");
            Assert.That(ReadQuarantine(vitals.QuarantinePath!).Single().Line, Is.EqualTo(4));
            Assert.That(vitals.Commit.ExcludedByReason, Is.EqualTo(new Dictionary<string, long> { ["not_vital_signs"] = 3 }));
        });
    }

    [Test]
    public async Task IngestAsync_DocumentReference_DecodesTheNoteAndMasksTheIdentityCodesInIt()
    {
        await IngestFhirAsync("fhir-r4-patient", "Patient.ndjson", PatientJson("p-1", Alice.Value));
        var note = $"Potilas {Alice.Value} kotiutuu. Omainen ({Bob.Value}) tietää.";

        var result = await IngestFhirAsync("fhir-r4-documentreference", "DocumentReference.ndjson", DocumentJson(note, null), DocumentJson("Seksuaalirikos", "SEKSUAALIRIKOS"));

        Assert.Multiple(() =>
        {
            Assert.That(Query(result, "SELECT text, text_type, CAST(recorded_at AS VARCHAR) FROM files").Select(r => (r[0], r[1], r[2])),
                Is.EqualTo(new (object?, object?, object?)[] { ("Potilas [identity code] kotiutuu. Omainen ([identity code]) tietää.", "Hoitokertomus", "2022-03-04 10:15:00") }));
            Assert.That(result.Commit.WarningsByCheck, Is.EqualTo(new Dictionary<string, long> { [WarningChecks.IdentityCodeInText] = 2 }));
            Assert.That(result.Commit.ExcludedByReason, Is.EqualTo(new Dictionary<string, long> { ["sexual_assault"] = 1 }));
            Assert.That(AllBytesUnder(_layout.Root), Does.Not.Contain(Alice.Value).And.Not.Contain(Bob.Value));
        });
    }

    private static SourceDescriptor Descriptor(string name) => SourceDescriptorLoader.Load(Path.Combine(RepositoryFolders.Sources, "fhir", name + ".yaml"));

    private Task<IngestResult> IngestFhirAsync(string descriptor, string file, params string[] lines) =>
        _ingestor.IngestAsync(Descriptor(descriptor), WriteNdjson(file, lines));

    private string WriteNdjson(string name, params string[] lines)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    private Guid PseudonymOf(Hetu hetu, string register) => _pseudonymizer.RegisterPseudonym(register, _pseudonymizer.IdentityOf(hetu), _keys.CurrentKeyId);

    private static string PatientJson(string id, string? hetu)
    {
        var identifiers = "{\"system\":\"urn:oid:1.2.246.537.6.999\",\"value\":\"MRN-" + id + "\"}"
            + (hetu is null ? "" : ",{\"system\":\"urn:oid:1.2.246.21\",\"value\":\"" + hetu + "\"}");
        return "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"meta\":{\"lastUpdated\":\"2023-01-02T03:04:05.000+00:00\"},\"identifier\":[" + identifiers + "],\"gender\":\"female\"}";
    }

    private static string ConditionJson(string reference, string recorded) =>
        "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"" + reference + "\"},\"recordedDate\":\"" + recorded + "\","
        + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"44054006\"},{\"system\":\"http://hl7.org/fhir/sid/icd-10\",\"code\":\"E119\"}]}}";

    private static string ObservationJson(string category, string loinc, string value) =>
        "{\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/p-1\"},\"effectiveDateTime\":\"2022-03-04T08:15:00Z\","
        + "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"" + category + "\"}]}],"
        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + loinc + "\"}]}," + value.Trim() + "}";

    private static string DocumentJson(string note, string? securityCode) =>
        "{\"resourceType\":\"DocumentReference\",\"status\":\"current\",\"subject\":{\"reference\":\"Patient/p-1\"},\"date\":\"2022-03-04T08:15:00Z\","
        + "\"type\":{\"text\":\"Hoitokertomus\"},"
        + (securityCode is null ? "" : "\"securityLabel\":[{\"coding\":[{\"code\":\"" + securityCode + "\"}]}],")
        + "\"content\":[{\"attachment\":{\"contentType\":\"text/plain\",\"data\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(note)) + "\"}}]}";
}
