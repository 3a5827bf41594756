using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Lake.Pseudonymization;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// A small FHIR R4 Bulk Data export as an Epic server's <c>$export</c> delivers it: one NDJSON file
/// per resource type, each line one resource written by Firely's FHIR serializer. It has what real
/// exports have and a reader must survive: several codings per code, missing optional elements,
/// extensions, contained resources, choice types of every kind, an Observation without a value, a
/// blood-pressure panel of components, a PDF attachment, a Patient without a Finnish identity code,
/// references to a Group, and a Patient that only a later export brings.
/// </summary>
internal sealed class FhirBulkExport
{
    public const string LoincSystem = "http://loinc.org";
    private const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";
    private const string IdentityCodeSystem = "urn:oid:1.2.246.21";
    private const string LocalNumberSystem = "urn:oid:1.2.246.10.1234567.10.1";
    private const string Icd10Thl = "urn:oid:1.2.246.537.6.1";
    private const string Icd10Who = "http://hl7.org/fhir/sid/icd-10";
    private const string Snomed = "http://snomed.info/sct";
    private const string MunicipalityExtension = "https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition/municipality-code";

    /// <summary>In the first export, with valid identity codes.</summary>
    public static readonly (string Id, Hetu Hetu)[] Patients =
    [
        ("eAnna.1", Hetu.Create(new DateOnly(1952, 10, 13), 308)),
        ("eBertil.2", Hetu.Create(new DateOnly(1987, 3, 1), 123)),
        ("eCecilia.3", Hetu.Create(new DateOnly(2001, 12, 24), 456)),
        ("eDaniel.4", Hetu.Create(new DateOnly(1945, 6, 30), 235)),
    ];

    /// <summary>In the second export only: the first one's resources refer to this Patient before it arrives.</summary>
    public static readonly (string Id, Hetu Hetu) LatePatient = ("eLate.5", Hetu.Create(new DateOnly(1990, 1, 2), 555));

    /// <summary>A Patient whose only identifier is a local number: never in the Patient index, so nothing referring to it resolves.</summary>
    public const string PatientWithoutIdentityCode = "eNoCode.6";

    /// <summary>Identity codes written into clinical notes: a relative's and the patient's own.</summary>
    public static readonly Hetu Relative = Hetu.Create(new DateOnly(1960, 4, 15), 777);

    private static readonly FhirJsonSerializer Serializer = FhirJsonSerializer.Default;

    public Dictionary<string, List<Resource>> First { get; } = [];

    public Dictionary<string, List<Resource>> Second { get; } = [];

    public static IEnumerable<Hetu> EveryIdentityCode => Patients.Select(p => p.Hetu).Append(LatePatient.Hetu).Append(Relative);

    public static string AnnaNote => $"Potilas kotiutuu. Omaisen henkilötunnus {Relative.Value} kirjattu, samoin potilaan oma {Patients[0].Hetu.Value}.";

    public static FhirBulkExport Create()
    {
        var export = new FhirBulkExport();
        var (anna, bertil, cecilia, daniel) = (Patients[0].Id, Patients[1].Id, Patients[2].Id, Patients[3].Id);
        var late = LatePatient.Id;

        export.First["Patient.ndjson"] =
        [
            .. Patients.Select(p => (Resource)PatientOf(p.Id, p.Hetu, deceased: p.Id == daniel ? "2023-05-01T12:00:00+03:00" : null)),
            new Patient
            {
                Id = PatientWithoutIdentityCode,
                Identifier = [new Identifier(LocalNumberSystem, "1234567")],
                Gender = AdministrativeGender.Unknown,
            },
        ];
        export.Second["Patient.ndjson"] = [PatientOf(late, LatePatient.Hetu, deceased: null)];

        export.First["Condition.ndjson"] =
        [
            ConditionOf(anna, "2022-03-04T10:15:00+02:00", new Coding(Snomed, "44054006", "Diabetes mellitus type 2"), new Coding(Icd10Thl, "E11.9", "Tyypin 2 diabetes")),
            ConditionOf(bertil, "2022-07-04T08:15:00Z", new Coding(Icd10Who, "I10")),
            ConditionOf(cecilia, "2022-05-06T09:00:00+03:00", new Coding(Snomed, "195967001", "Asthma")), // No ICD-10 coding.
            ConditionOf(late, "2022-08-01T10:00:00+03:00", new Coding(Icd10Thl, "J45.9")),
            ConditionOf(PatientWithoutIdentityCode, "2022-08-02T10:00:00+03:00", new Coding(Icd10Thl, "K35.8")),
            ConditionOf(anna, "2022-03-05T10:00:00+02:00", new Coding(Icd10Thl, "C50.9"), verification: "entered-in-error"),
            ConditionOf($"https://fhir.apotti.example/api/FHIR/R4/Patient/{daniel}", "2021-11-12", new Coding(Icd10Thl, "I21.9")), // An absolute reference, a date alone.
        ];

        export.First["Encounter.ndjson"] =
        [
            EncounterOf(anna, "AMB", "2022-03-04T09:00:00+02:00", Encounter.EncounterStatus.Finished),
            EncounterOf(bertil, "EMER", "2022-07-04T07:00:00Z", Encounter.EncounterStatus.Finished),
            EncounterOf(late, "IMP", "2022-08-01T08:00:00+03:00", Encounter.EncounterStatus.Finished),
            EncounterOf(cecilia, "AMB", "2022-05-06T08:00:00+03:00", Encounter.EncounterStatus.Cancelled),
        ];

        export.First["Observation.ndjson"] =
        [
            Laboratory(anna, new Coding(LoincSystem, "2345-7", "Glucose"), new Coding("urn:oid:1.2.246.537.6.3.2006", "1468", "P -Gluk"), value: new Quantity { Value = 5.4m, Unit = "mmol/l", System = "http://unitsofmeasure.org", Code = "mmol/L" }),
            Laboratory(bertil, new Coding("urn:oid:1.2.246.537.6.3.2006", "2095", "B -HbA1c"), null, value: new Quantity { Value = 48m, Unit = "mmol/mol" }, period: true),
            Laboratory(cecilia, new Coding(LoincSystem, "718-7", "Hemoglobin"), null, value: null), // Hemolysed sample: no value.
            Laboratory("Group/g-ward-7", new Coding(LoincSystem, "2345-7"), null, value: new Quantity { Value = 6.1m, Unit = "mmol/l" }),
            VitalSign(anna, "8867-4", new Quantity { Value = 72m, Unit = "/min" }),
            VitalSign(bertil, "29463-7", null), // Not weighed: no value.
            BloodPressurePanel(daniel),
            VitalSign(late, "8310-5", new Quantity { Value = 37.2m, Unit = "Cel" }),
            VitalSign(PatientWithoutIdentityCode, "8867-4", new Quantity { Value = 64m, Unit = "/min" }),
            SocialHistory(anna),
        ];

        export.First["MedicationRequest.ndjson"] =
        [
            new MedicationRequest
            {
                Status = MedicationRequest.MedicationrequestStatus.Active,
                Intent = MedicationRequest.MedicationRequestIntent.Order,
                Subject = Reference(anna),
                Medication = new CodeableConcept { Coding = [new Coding("http://www.whocc.no/atc", "A10BA02", "metformin")], Text = "Metformin 500 mg tabl" },
                AuthoredOn = "2022-03-04T10:30:00+02:00",
                DosageInstruction = [new Dosage { Text = "1 tabl 2 kertaa päivässä", Route = new CodeableConcept { Text = "suun kautta" } }],
            },
            new MedicationRequest
            {
                Status = MedicationRequest.MedicationrequestStatus.Active,
                Intent = MedicationRequest.MedicationRequestIntent.Order,
                Subject = Reference(bertil),
                Medication = new ResourceReference("Medication/m-ramipril") { Display = "Ramipril 5 mg" }, // A reference, no code.
                AuthoredOn = "2022-07-04T12:00:00+03:00",
            },
        ];

        export.First["Procedure.ndjson"] =
        [
            new Procedure
            {
                Status = EventStatus.Completed,
                Subject = Reference(daniel),
                Code = new CodeableConcept { Coding = [new Coding(Snomed, "232717009"), new Coding("urn:oid:1.2.246.537.6.2", "fne00", "Sepelvaltimon ohitus")] },
                Performed = new Period { Start = "2022-10-10T08:00:00+03:00", End = "2022-10-10T12:30:00+03:00" },
            },
            new Procedure
            {
                Status = EventStatus.Completed,
                Subject = Reference(anna),
                Code = new CodeableConcept("urn:oid:1.2.246.537.6.2", "TJD00"),
                Performed = new FhirDateTime("2022-03-05T12:00:00+02:00"),
            },
        ];

        export.First["DocumentReference.ndjson"] =
        [
            Document(anna, AnnaNote, "text/plain"),
            Document(late, "Osastolle tulo, yleisvointi hyvä.", "text/plain; charset=utf-8"),
            Document(bertil, "%PDF-1.4 scanned referral", "application/pdf"), // No plain text to store.
        ];

        return export;
    }

    /// <summary>Writes one export's files into a folder, one resource per line, as a Bulk Data server does.</summary>
    public static void Write(Dictionary<string, List<Resource>> files, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, resources) in files)
            File.WriteAllText(Path.Combine(folder, name), string.Concat(resources.Select(r => Serializer.SerializeToString(r) + "\n")), new UTF8Encoding(false));
    }

    /// <summary>The Patient a resource's subject names, or null when it names a Group.</summary>
    public static string? SubjectId(Resource resource)
    {
        var subject = resource switch
        {
            Condition c => c.Subject,
            Encounter e => e.Subject,
            Observation o => o.Subject,
            MedicationRequest m => m.Subject,
            Procedure p => p.Subject,
            DocumentReference d => d.Subject,
            _ => null,
        };
        var parts = (subject?.Reference ?? throw new ArgumentException($"A {resource.TypeName} of the export without a subject.")).Split('/');
        return parts[^2] == "Patient" ? parts[^1] : null;
    }

    public static string? CategoryOf(Observation observation) => observation.Category.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == CategorySystem)?.Code;

    private static Patient PatientOf(string id, Hetu hetu, string? deceased)
    {
        var patient = new Patient
        {
            Id = id,
            Meta = new Meta { LastUpdated = new DateTimeOffset(2023, 1, 2, 22, 30, 0, TimeSpan.Zero) }, // 00:30 the next day in Helsinki.
            Identifier = [new Identifier(LocalNumberSystem, "MRN-" + id), new Identifier(IdentityCodeSystem, hetu.Value) { Use = Identifier.IdentifierUse.Official }],
            Name = [new HumanName { Family = "Testinen", Given = ["Testi"] }],
            Gender = hetu.Sex == Sex.Male ? AdministrativeGender.Male : AdministrativeGender.Female,
            BirthDate = hetu.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Address = [new Address { Use = Address.AddressUse.Home, City = "Espoo" }],
        };
        if (id == Patients[0].Id)
            patient.Extension.Add(new Extension(MunicipalityExtension, new Coding("urn:oid:1.2.246.537.6.21.2003", "091", "Helsinki")));
        if (deceased is not null)
            patient.Deceased = new FhirDateTime(deceased);
        return patient;
    }

    private static Condition ConditionOf(string patient, string recorded, Coding first, Coding? second = null, string verification = "confirmed")
    {
        var condition = new Condition
        {
            Subject = Reference(patient),
            Code = new CodeableConcept { Coding = second is null ? [first] : [first, second] },
            RecordedDate = recorded,
            VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", verification),
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis")],
        };
        if (recorded.Length > 10)
            condition.Onset = new FhirDateTime(recorded[..10]);

        // A contained Practitioner and an extension: neither is read, neither may confuse the reader.
        condition.Contained.Add(new Practitioner { Id = "pr1", Name = [new HumanName { Family = "Lääkäri" }] });
        condition.Asserter = new ResourceReference("#pr1");
        condition.Extension.Add(new Extension("http://open.epic.com/FHIR/StructureDefinition/extension/diagnosis-order", new Integer(1)));
        return condition;
    }

    private static Encounter EncounterOf(string patient, string type, string start, Encounter.EncounterStatus status) => new()
    {
        Status = status,
        Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", type),
        Subject = Reference(patient),
        Period = new Period { Start = start },
        ServiceType = new CodeableConcept { Text = type == "EMER" ? "Päivystys" : "Sisätaudit" },
        ServiceProvider = new ResourceReference { Display = "HUS Meilahti" },
        Hospitalization = type == "EMER" ? new Encounter.HospitalizationComponent { DischargeDisposition = new CodeableConcept { Text = "Koti" } } : null,
    };

    private static Observation Laboratory(string patient, Coding first, Coding? second, Quantity? value, bool period = false) =>
        ObservationOf("laboratory", patient, new CodeableConcept { Coding = second is null ? [first] : [first, second] }, value,
            period ? new Period { Start = "2022-07-04T07:30:00Z" } : new FhirDateTime("2022-03-04T07:45:00+02:00"), absentBecause: "hemolysoitunut");

    private static Observation VitalSign(string patient, string loinc, Quantity? value) =>
        ObservationOf("vital-signs", patient, new CodeableConcept(LoincSystem, loinc), value, new FhirDateTime("2022-03-04T08:00:00+02:00"), absentBecause: "ei punnittu");

    /// <summary>An Observation; one without a value says why, in dataAbsentReason, as FHIR asks.</summary>
    private static Observation ObservationOf(string category, string patient, CodeableConcept code, Quantity? value, DataType effective, string absentBecause) => new()
    {
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(CategorySystem, category)],
        Code = code,
        Subject = Reference(patient),
        Effective = effective,
        Value = value,
        DataAbsentReason = value is null ? new CodeableConcept { Text = absentBecause } : null,
    };

    private static Observation BloodPressurePanel(string patient) => new()
    {
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(CategorySystem, "vital-signs")],
        Code = new CodeableConcept(LoincSystem, "85354-9"),
        Subject = Reference(patient),
        Effective = new FhirDateTime("2022-10-10T07:00:00+03:00"),
        Component =
        [
            new Observation.ComponentComponent { Code = new CodeableConcept(LoincSystem, "8480-6"), Value = new Quantity { Value = 142m, Unit = "mm[Hg]" } },
            new Observation.ComponentComponent { Code = new CodeableConcept(LoincSystem, "8462-4"), Value = new Quantity { Value = 91m, Unit = "mm[Hg]" } },
        ],
    };

    private static Observation SocialHistory(string patient) => new()
    {
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(CategorySystem, "social-history")],
        Code = new CodeableConcept(LoincSystem, "72166-2"),
        Subject = Reference(patient),
        Effective = new FhirDateTime("2022-03-04T08:00:00+02:00"),
        Value = new CodeableConcept { Text = "never smoker" },
    };

    private static DocumentReference Document(string patient, string text, string contentType) => new()
    {
        Status = DocumentReferenceStatus.Current,
        Subject = Reference(patient),
        Type = new CodeableConcept { Text = "Hoitokertomus" },
        Date = new DateTimeOffset(2022, 8, 1, 9, 15, 0, TimeSpan.Zero),
        Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = contentType, Data = Encoding.UTF8.GetBytes(text) } }],
        Context = new DocumentReference.ContextComponent { PracticeSetting = new CodeableConcept { Text = "Sisätaudit" } },
    };

    private static ResourceReference Reference(string patient) => new(patient.Contains('/') ? patient : "Patient/" + patient);
}
