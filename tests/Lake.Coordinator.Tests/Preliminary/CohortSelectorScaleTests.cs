using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DuckDB.NET.Data;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Preliminary;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;
using Lake.Extract.Querying;
using Lake.Extract.Specifications;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Tests.Preliminary;

/// <summary>
/// The criterion compiler on a lake of the size the preliminary study must answer in under a second:
/// 10M laboratory and 2M diagnosis rows over a million patients. Explicit, because building the lake
/// takes a minute; it prints the times and checks the answer against DuckDB alone, never a duration.
/// </summary>
[Explicit("Builds a 12M-row lake; run on purpose to measure.")]
[Category("Performance")]
public sealed class CohortSelectorScaleTests
{
    private const int Patients = 1_000_000;
    private const long LaboratoryRows = 10_000_000;
    private const long DiagnosisRows = 2_000_000;

    private TempDirectory _folder = null!;
    private LakeLayout _layout = null!;
    private KeyRing _keyRing = null!;
    private Pseudonymizer _pseudonymizer = null!;

    [OneTimeSetUp]
    public void BuildLake()
    {
        _folder = new TempDirectory("lake-cohort-scale");
        _layout = new LakeLayout(_folder.File("lake"));
        _keyRing = KeyRing.OpenOrCreate(_folder.File("keys/keyring.json"), TimeProvider.System);
        _pseudonymizer = new Pseudonymizer(_keyRing);
        var clock = Stopwatch.StartNew();

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE patients (i INTEGER, laboratory UUID, diagnosis UUID, background UUID, birth DATE)");
        var identity = new byte[LakeIdentity.Size];
        using (var appender = connection.CreateAppender("patients"))
        {
            for (var i = 0; i < Patients; i++)
            {
                RandomNumberGenerator.Fill(identity);
                var person = LakeIdentity.FromBytes(identity);
                appender.CreateRow().AppendValue(i)
                    .AppendValue(_pseudonymizer.RegisterPseudonym(RegisterNames.Laboratory, person, _keyRing.CurrentKeyId))
                    .AppendValue(_pseudonymizer.RegisterPseudonym(RegisterNames.Diagnosis, person, _keyRing.CurrentKeyId))
                    .AppendValue(_pseudonymizer.RegisterPseudonym(RegisterNames.PatientBackground, person, _keyRing.CurrentKeyId))
                    .AppendValue(new DateOnly(1930, 1, 1).AddDays(i % 30000))
                    .EndRow();
            }
        }

        // Every twentieth laboratory row is an HbA1c (2095); a diagnosis is E11.9 one time in twenty.
        Write(connection, RegisterNames.Laboratory, LaboratoryRows, "laboratory",
            "TIMESTAMP '2015-01-01' + to_seconds(CAST(hash(r.range) % 315360000 AS BIGINT)) AS sample_time, CASE WHEN r.range % 20 = 0 THEN '2095' ELSE CAST(1000 + r.range % 97 AS VARCHAR) END AS test_code, 'test' AS test_name, CAST(20 + hash(r.range * 7) % 100 AS DOUBLE) AS result_value, NULL::VARCHAR AS result_text, 'mmol/mol' AS result_unit, 'unit' AS ordering_unit");
        Write(connection, RegisterNames.Diagnosis, DiagnosisRows, "diagnosis",
            "CASE WHEN r.range % 20 = 0 THEN 'E11.9' ELSE 'I' || CAST(10 + r.range % 89 AS VARCHAR) END AS code, 'ICD-10' AS code_system, 'primary' AS diagnosis_type, TIMESTAMP '2015-01-01' + to_seconds(CAST(hash(r.range + 1) % 315360000 AS BIGINT)) AS recorded_at, NULL::DATE AS diagnosis_start, 'unit' AS unit, 'Sisätaudit' AS specialty");
        Write(connection, RegisterNames.PatientBackground, Patients, "background",
            "p.birth AS birth_date, CASE WHEN p.i % 2 = 0 THEN 'female' ELSE 'male' END AS sex, NULL::DATE AS death_date, NULL::VARCHAR AS municipality, NULL::DOUBLE AS height_cm, NULL::DOUBLE AS weight_kg, NULL::DATE AS updated");
        TestContext.Out.WriteLine($"lake built in {clock.Elapsed.TotalSeconds:F1} s");
    }

    [OneTimeTearDown]
    public void RemoveLake()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [TestCase("include: { all: [ { diagnosis: { icd10: [E11], index: true } }, { laboratory: { test_codes: ['2095'], min: 110 } } ] }")]
    [TestCase("include: { all: [ { diagnosis: { icd10: [E11], index: true } }, { laboratory: { test_codes: ['2095'], min: 110, within_days_after_index: 365 } } ] }\n  min_age: 18")]
    [TestCase("include: { laboratory: { test_codes: ['2095'], min: 118 } }\n  exclude: { diagnosis: { icd10: [E11] } }")]
    public void PreliminaryStudy_TwelveMillionRows_Timed(string cohort)
    {
        var specification = SpecificationReader.Parse($"title: scale\ncohort:\n  {cohort}\ndatasets:\n  - register: laboratory\n  - register: diagnosis\n", "scale.yaml");
        var audit = new AuditLog(new ControlPlaneDataSource(_folder.File($"control/{Guid.NewGuid():N}.db")), _keyRing, TimeProvider.System);
        var ledger = new DifferencingLedger(new ControlPlaneDataSource(_folder.File($"control/{Guid.NewGuid():N}.db")), TimeProvider.System);

        // Wall time on a busy machine says little; the process's CPU time bounds what an idle one would take.
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var select = Stopwatch.StartNew();
        IReadOnlyList<CohortMember> members;
        using (var session = LakeQuerySession.Open(LakeSnapshot.Take(_layout, RegisterCatalog.Shipped)))
            members = new CohortSelector(session, _pseudonymizer).Select(specification.Cohort);
        select.Stop();
        process.Refresh();
        var selectCpu = process.TotalProcessorTime - cpu;
        cpu = process.TotalProcessorTime;

        var study = Stopwatch.StartNew();
        PreliminaryReport report;
        using (var session = LakeQuerySession.Open(LakeSnapshot.Take(_layout, RegisterCatalog.Shipped)))
            report = new PreliminaryStudy(session, _pseudonymizer, new DisclosureControl(), audit, ledger).RunAsync(specification, "scale").GetAwaiter().GetResult();
        study.Stop();
        process.Refresh();
        var studyCpu = process.TotalProcessorTime - cpu;

        TestContext.Out.WriteLine($"{members.Count} members; cohort selection {select.ElapsedMilliseconds} ms ({selectCpu.TotalMilliseconds:F0} ms CPU); whole preliminary study {study.ElapsedMilliseconds} ms ({studyCpu.TotalMilliseconds:F0} ms CPU)");
        Assert.That(report.CohortSize.Value, Is.EqualTo(members.Count));
        Assert.That(members, Is.Not.Empty);
    }

    private void Write(DuckDBConnection connection, string register, long rows, string pseudonymColumn, string columns)
    {
        var relative = Path.Combine(LakeLayout.PartitionPath(register, "bench", RegisterCatalog.Shipped.Get(register).EventColumn is null ? null : 2020), "part-0.parquet");
        var path = Path.Combine(_layout.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var source = rows == Patients && register == RegisterNames.PatientBackground
            ? "patients p"
            : $"range({rows.ToString(CultureInfo.InvariantCulture)}) r JOIN patients p ON p.i = CAST(hash(r.range * 31) % {Patients.ToString(CultureInfo.InvariantCulture)} AS INTEGER)";
        Execute(connection, $"COPY (SELECT p.{pseudonymColumn} AS pseudonym, CAST({_keyRing.CurrentKeyId.ToString(CultureInfo.InvariantCulture)} AS BIGINT) AS key_id, {columns} FROM {source}) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 32768)");
        new CommitLog(_layout).Commit(new BatchCommit
        {
            BatchId = register + "-bench",
            SourceSystem = "Bench",
            Register = register,
            FeedName = "generated",
            FeedSha256 = register,
            KeyId = _keyRing.CurrentKeyId,
            Files = [new BatchFile(relative, rows, RegisterCatalog.Shipped.Get(register).EventColumn is null ? null : 2020)],
            RowsRead = rows,
            RowsWritten = rows,
            QuarantinedByReason = new Dictionary<string, long>(),
            CommittedAt = DateTimeOffset.UtcNow,
        });
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
