using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Lake.Cli.Commands;
using Lake.Contracts.Codes;
using Lake.Contracts.Lake;
using Lake.Ingest.Mapping;
using nietras.SeparatedValues;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Onboarding a real, published source with descriptors only: the MIMIC-IV Clinical Database Demo
/// (tests/data/mimic-iv-demo, descriptors in sources/mimic-iv-demo) ingested through the command
/// line with a crosswalk that gives its subjects synthetic identity codes, and every source row
/// accounted for in its register.
/// </summary>
[TestFixture]
[NonParallelizable] // Drives the CLI, which writes to the console.
public sealed partial class MimicOnboardingTests
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    private static readonly string[] Tables = ["patients", "admissions", "transfers", "diagnoses_icd", "procedures_icd", "labevents", "prescriptions"];

    private string _root = "";
    private string _feeds = "";
    private string _data = "";
    private string _keyRing = "";
    private MimicCrosswalk _crosswalk = null!;

    [OneTimeSetUp]
    public async Task IngestEveryTable()
    {
        _root = Path.Combine(Path.GetTempPath(), "lake-mimic-" + Guid.NewGuid().ToString("N"));
        _feeds = Path.Combine(_root, "feeds");
        _data = Path.Combine(_root, "data");
        _keyRing = Path.Combine(_root, "keys", "keyring.json");

        // Copies, because the crosswalk must lie beside the feeds and holds identity codes, synthetic
        // or not: it is written here, outside the repository, and deleted with the rest.
        Directory.CreateDirectory(_feeds);
        await LakeConsole.InitAsync(_data);
        foreach (var table in Tables)
            File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "data", "mimic-iv-demo", table + ".csv.gz"), Feed(table));
        _crosswalk = MimicCrosswalk.FromPatients(Feed("patients"));
        _crosswalk.Write(Path.Combine(_feeds, MimicCrosswalk.FileName));

        foreach (var table in Tables)
            Assert.That(await Lake("ingest", "--source", Descriptor(table), Feed(table)), Is.Zero, table);
    }

    [OneTimeTearDown]
    public void RemoveData()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    // Rows as the publisher's README counts them, so a changed file shows up as such and not as an ingest fault.
    [TestCase("patients", "patient_background", 100, 0)]
    [TestCase("admissions", "inpatient_period", 275, 0)]
    [TestCase("transfers", "visit", 1_190, 0)]
    // Includes C7A.8 and C7B.8, ICD-10-CM codes with a letter third, accepted as ICD-10-CM.
    [TestCase("diagnoses_icd", "diagnosis", 4_506, 0)]
    [TestCase("procedures_icd", "procedure", 722, 0)]
    [TestCase("labevents", "laboratory", 107_727, 0)]
    [TestCase("prescriptions", "medication", 18_087, 0)]
    public void Ingest_MimicTable_WritesEverySourceRowToItsRegister(string table, string register, int publishedRows, int refusedCodes)
    {
        var sourceRows = ReadColumns(Feed(table)).Count;
        var commit = Commit(table);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sourceRows, Is.EqualTo(publishedRows), "data rows in the source file");
            Assert.That(commit.Register, Is.EqualTo(register));
            Assert.That(commit.RowsRead, Is.EqualTo(sourceRows));
            Assert.That(commit.RowsQuarantined, Is.EqualTo(refusedCodes), "rows quarantined; every other row of the demo is good data");
            Assert.That(commit.QuarantinedByReason.Keys, Is.SubsetOf(new[] { RejectionReasons.MalformedCode }));
            Assert.That(commit.ExcludedByReason, Is.Empty);
            Assert.That(commit.RowsWritten, Is.EqualTo(sourceRows - commit.RowsQuarantined));
            Assert.That(Scalar($"SELECT count(*) FROM {Register(register)}"), Is.EqualTo(commit.RowsWritten), "rows in the register's Parquet files");
        }
    }

    [Test]
    public void Ingest_Diagnoses_KeepIcd9AndIcd10CodesWithTheirCodeSystems()
    {
        var source = Diagnoses();
        var lake = Strings($"SELECT code_system || ' ' || code FROM {Register("diagnosis")}").Order(StringComparer.Ordinal).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(source.Count(d => d.System == CodeSystems.Icd9), Is.EqualTo(2_193));
            Assert.That(source.Count(d => d.System == CodeSystems.Icd10Cm), Is.EqualTo(2_313));
            Assert.That(source.Where(d => !d.Accepted).Select(d => d.Code), Is.Empty, "every ICD code of the demo, ICD-10-CM shapes such as C7A.8 included, is accepted");
            Assert.That(lake, Does.Contain("ICD-10-CM C7A.8"));
            Assert.That(lake, Is.EqualTo(source.Where(d => d.Accepted).Select(d => $"{d.System} {d.Code}").Order(StringComparer.Ordinal)));
            Assert.That(lake, Does.Contain("ICD-9 414.01").And.Contain("ICD-10-CM E11.9"));
        }
    }

    [Test]
    public void Ingest_Diagnoses_AreDatedByTheDischargeOfTheirAdmission()
    {
        var discharges = ReadColumns(Feed("admissions"), "hadm_id", "dischtime").ToDictionary(r => r[0], r => r[1], StringComparer.Ordinal);
        var expected = Diagnoses()
            .Where(d => d.Accepted)
            .Select(d => Shifted(d.SubjectId, discharges[d.AdmissionId]))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.That(Times("recorded_at", "diagnosis"), Is.EqualTo(expected));
    }

    [TestCase("admissions", "admittime", "start_time", "inpatient_period")]
    [TestCase("admissions", "dischtime", "end_time", "inpatient_period")]
    [TestCase("transfers", "intime", "visit_time", "visit")]
    [TestCase("procedures_icd", "chartdate", "procedure_time", "procedure")]
    [TestCase("labevents", "charttime", "sample_time", "laboratory")]
    [TestCase("prescriptions", "starttime", "event_time", "medication")]
    public void Ingest_MimicTimes_AreTheSourceTimesShiftedByTheCrosswalk(string table, string sourceColumn, string column, string register)
    {
        var expected = ReadColumns(Feed(table), "subject_id", sourceColumn)
            .Select(r => Shifted(r[0], r[1]))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.That(Times(column, register), Is.EqualTo(expected));
    }

    [Test]
    public void Ingest_Patients_TakeBirthDateAndSexFromTheIdentityCodeAndShiftTheDeathDate()
    {
        var patients = ReadColumns(Feed("patients"), "subject_id", "gender", "dod");
        var birthDates = patients.Select(p => _crosswalk.IdentityCodeOf(p[0]).BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal);
        var sexes = patients.Select(p => p[1] == "M" ? "male" : "female").Order(StringComparer.Ordinal);
        var deaths = patients.Where(p => p[2].Length > 0)
            .Select(p => DateOnly.ParseExact(p[2], "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(_crosswalk.ShiftDaysOf(p[0])).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal);
        var table = Register("patient_background");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Strings($"SELECT strftime(birth_date, '%Y-%m-%d') FROM {table}").Order(StringComparer.Ordinal), Is.EqualTo(birthDates));
            Assert.That(Strings($"SELECT sex FROM {table}").Order(StringComparer.Ordinal), Is.EqualTo(sexes));
            Assert.That(Strings($"SELECT strftime(death_date, '%Y-%m-%d') FROM {table} WHERE death_date IS NOT NULL").Order(StringComparer.Ordinal), Is.EqualTo(deaths));
            Assert.That(Scalar($"SELECT count(*) FROM {table} WHERE year(death_date) NOT BETWEEN 2011 AND 2019"), Is.Zero, "deaths fall in the demo's real years");
        }
    }

    [Test]
    public void Ingest_Transfers_NameEveryEventType()
    {
        var types = Strings($"SELECT visit_type || ' ' || CAST(count(*) AS VARCHAR) FROM {Register("visit")} GROUP BY visit_type ORDER BY visit_type");

        Assert.That(types, Is.EqualTo(new[] { "admission 275", "discharge 275", "emergency 236", "transfer 404" }));
    }

    [Test]
    public async Task Lake_AfterMimicIngest_HoldsNoIdentityCode()
    {
        var identityCodes = _crosswalk.IdentityCodes.Select(h => h.Value).ToList();
        var files = Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories).ToList();
        Assert.That(files.Count(f => f.EndsWith(".parquet", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(Tables.Length));

        foreach (var file in files)
        {
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.That(identityCodes.Where(text.Contains), Is.Empty, file);
        }

        // Parquet pages are compressed, so the raw scan above cannot see into them; read the values too.
        foreach (var register in Directory.EnumerateDirectories(Path.Combine(_data, "lake")).Select(Path.GetFileName).Where(n => !n!.StartsWith('_')))
        {
            var values = Strings($"SELECT CAST(r AS VARCHAR) FROM {Register(register!)} r");
            Assert.That(values.Where(v => HetuShape().IsMatch(v) || identityCodes.Any(v.Contains)), Is.Empty, register);
        }
    }

    /// <summary>The source diagnoses with their codes in canonical form, and whether the lake's code rules accept them.</summary>
    private List<(string SubjectId, string AdmissionId, string System, string Code, bool Accepted)> Diagnoses() =>
        ReadColumns(Feed("diagnoses_icd"), "subject_id", "hadm_id", "icd_version", "icd_code")
            .Select(r => r[2] == "9"
                ? (r[0], r[1], CodeSystems.Icd9, Icd9Code.Normalize(r[3]), Icd9Code.IsWellFormed(Icd9Code.Normalize(r[3])))
                : (r[0], r[1], CodeSystems.Icd10Cm, Icd10Code.Normalize(r[3]), Icd10Code.IsWellFormed(Icd10Code.Normalize(r[3]), clinicalModification: true)))
            .ToList();

    private string Feed(string table) => Path.Combine(_feeds, table + ".csv.gz");

    private static string Descriptor(string table) => Path.Combine(RepositoryPaths.Sources, "mimic-iv-demo", table + ".yaml");

    private BatchCommit Commit(string table) =>
        new CommitLog(new LakeLayout(Path.Combine(_data, "lake"))).ReadAll().Single(c => c.FeedName == table + ".csv.gz");

    private string Register(string register) =>
        $"read_parquet('{Path.Combine(_data, "lake", register, "**", "*.parquet")}', hive_partitioning = false)";

    private string Shifted(string subjectId, string time) =>
        DateTime.ParseExact(time, [TimeFormat, "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None).AddDays(_crosswalk.ShiftDaysOf(subjectId)).ToString(TimeFormat, CultureInfo.InvariantCulture);

    private List<string> Times(string column, string register) =>
        Strings($"SELECT strftime({column}, '%Y-%m-%d %H:%M:%S') FROM {Register(register)}").Order(StringComparer.Ordinal).ToList();

    private Task<int> Lake(params string[] args) =>
        LakeCommandLine.InvokeAsync([.. args, "--data", _data, "--keyring", _keyRing]);

    /// <summary>The data rows of a gzip CSV, with the named columns; read by Sep, so quoted line breaks stay inside their field.</summary>
    private static List<string[]> ReadColumns(string path, params string[] columns)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).From(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var rows = new List<string[]>();
        foreach (var row in reader)
        {
            var values = new string[columns.Length];
            for (var i = 0; i < columns.Length; i++)
                values[i] = row[columns[i]].ToString();
            rows.Add(values);
        }

        return rows;
    }

    private static long Scalar(string sql)
    {
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<string> Strings(string sql)
    {
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
            values.Add(reader.GetString(0));
        return values;
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y](?![0-9A-Za-z])")]
    private static partial Regex HetuShape();
}
