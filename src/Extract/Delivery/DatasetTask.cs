using System.Security.Cryptography;
using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Querying;
using Lake.Extract.Scrubbing;
using Lake.Pseudonymization;

namespace Lake.Extract.Delivery;

/// <summary>
/// Writes one dataset of an extraction plan (the cohort file, or one register's file set, joined to
/// the cohort only by the study pseudonym) into the request's partial folder (see
/// <see cref="DeliveryAssembler.PartialFolder"/>).
/// </summary>
public sealed class DatasetTask(LakeLayout layout, RegisterCatalog registers, DeliveryAssembler assembler, Pseudonymizer pseudonymizer)
{
    public const string StudyPseudonymColumn = "study_id";

    // Names starting with a dot are the tasks' bookkeeping, removed before the delivery is published.
    private const string TaskRecordPrefix = ".task-";
    private const string ScratchPrefix = ".scratch-";

    /// <summary>
    /// How the CSV files write an instant: ISO 8601 in UTC with a <c>Z</c>, to the microsecond as the
    /// Parquet file holds it (strftime syntax, as DuckDB and the codebook's Table Schema take it).
    /// </summary>
    public const string CsvInstantFormat = "%Y-%m-%dT%H:%M:%S.%fZ";

    /// <summary>Key-value metadata of every delivered Parquet file: what its time stamps are, for a reader that meets the file alone.</summary>
    public static readonly IReadOnlyDictionary<string, string> ParquetKeyValues = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["lake.timestamps"] = "UTC instants",
        ["lake.recorded_time_zone"] = DeliveredDates.HospitalTimeZone,
    };

    private static readonly string ParquetMetadata = "{" + string.Join(", ", ParquetKeyValues.Select(p => $"{SqlText.Literal(p.Key)}: {SqlText.Literal(p.Value)}")) + "}";

    private readonly RecentCohorts _cohorts = new();

    /// <summary>
    /// Writes one dataset of the plan into the request's partial folder and describes its files.
    /// Each file is written under a temporary name and renamed into place, and a record of the
    /// task's files is renamed into place last: a task that finds that record ran already, so a
    /// redelivered task writes nothing twice. Each process selects the cohort from the plan's batches
    /// (once per request, see <see cref="RecentCohorts"/>), which gives every task, on any worker, the
    /// same members and study pseudonyms. Registers are read with the plan's <paramref name="registerVersions"/>.
    /// </summary>
    public IReadOnlyList<DeliveredFile> Run(
        Guid requestId,
        string studyId,
        StudySpecification specification,
        IReadOnlyCollection<string> batches,
        string dataset,
        IReadOnlyCollection<string>? consentedIdentityCodes = null,
        IReadOnlyDictionary<string, int>? registerVersions = null)
    {
        // The dataset names files and the task's record: only the cohort or a register the
        // (catalog-checked) specification names.
        var request = dataset == ExtractDataset.Cohort ? null : specification.Datasets.FirstOrDefault(d => d.Register == dataset)
            ?? throw new InvalidDataException($"The specification of request {requestId} has no dataset '{dataset}'.");
        consentedIdentityCodes ??= request is null && specification.Delivery.IdentityCodes ? SealedCodesOf(specification) : null;
        if (request is null && specification.Delivery.IdentityCodes && consentedIdentityCodes is null)
            throw new InvalidOperationException("delivery.identity_codes is set, but the request supplied no consented identity codes. The lake keeps no identity codes and cannot derive them from pseudonyms; list the consented patients' codes with the request.");
        var partial = assembler.PartialFolder(studyId, requestId);
        OwnerOnly.CreateFolder(partial);
        var record = Path.Combine(partial, TaskRecordPrefix + dataset + ".json");
        if (File.Exists(record))
            return JsonSerializer.Deserialize<List<DeliveredFile>>(File.ReadAllText(record), LakeJson.Options)!;

        var scratch = Path.Combine(partial, ScratchPrefix + dataset + "-" + Guid.NewGuid().ToString("N"));
        OwnerOnly.CreateFolder(scratch);
        try
        {
            var snapshot = LakeSnapshot.Of(layout, batches, registers, registerVersions);
            List<DeliveredFile> files;
            using (var session = LakeQuerySession.Open(snapshot, writableFolder: partial))
            {
                var members = _cohorts.GetOrSelect(requestId, () => new CohortSelector(session, pseudonymizer).Select(specification.Cohort));
                LoadStudyPseudonyms(session, studyId, members, specification.Delivery);
                if (request is null)
                {
                    int? released = consentedIdentityCodes is null || !specification.Delivery.IdentityCodes
                        ? null
                        : IdentityCodeRelease.Load(session, members, consentedIdentityCodes, pseudonymizer);
                    var identityCodes = released is null ? "FROM cohort" : $", {IdentityCodeRelease.Column} FROM cohort LEFT JOIN {IdentityCodeRelease.Table} USING (member)";
                    session.Execute($"CREATE OR REPLACE TEMP TABLE delivered_cohort AS SELECT {StudyPseudonymColumn}, {DeliveredDates.Column("index_time", ColumnType.Timestamp, specification.Delivery, "shift_days")} AS index_time {identityCodes} ORDER BY {StudyPseudonymColumn}");
                    files = [.. Write(session, "delivered_cohort", ExtractDataset.Cohort, scratch, specification.Delivery).Select(f => f with { IdentityCodesReleased = released })];
                }
                else
                {
                    var register = snapshot.Registers.Get(dataset);
                    var scrubbing = specification.Delivery.FreeText ? FreeTextScrubbing.Register(session, TextScrubber.Finnish) : null;
                    var query = RegisterQuery.For(register, request, specification.Delivery, PseudonymMap.Load(session, register.Name, members, pseudonymizer));
                    query.Execute(session);
                    scrubbing?.Apply(session, query.Table, register, DeliveredColumns.Of(register, request, specification.Delivery));
                    files = [.. Write(session, query.Table, dataset, scratch, specification.Delivery).Select(f => f with { Redactions = scrubbing?.Counts.ToDictionary(), RegisterVersion = register.Version })];
                }
            }

            // On disk before renamed into place, and renamed before the task is acknowledged: a
            // crash anywhere leaves either the whole file or none.
            foreach (var file in files)
                MoveDurably(Path.Combine(scratch, file.Name), Path.Combine(partial, file.Name));
            var written = Path.Combine(scratch, "task.json");
            OwnerOnly.WriteAllText(written, JsonSerializer.Serialize(files, LakeJson.Options));
            MoveDurably(written, record);
            return files;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>
    /// The consented codes a consent-based specification carries sealed in its identity lists, opened
    /// here, in the task that writes them, and nowhere else; null when it carries none.
    /// </summary>
    private List<string>? SealedCodesOf(StudySpecification specification)
    {
        var lists = CohortTree.Leaves(specification.Cohort).Select(leaf => leaf.IdentityList).Where(list => list?.SealedCodes is not null).ToList();
        return lists.Count == 0
            ? null
            : [.. lists.SelectMany(list => list!.SealedCodes!.Select(code => pseudonymizer.OpenIdentityCode(code, list.KeyId).Value))];
    }

    private static void MoveDurably(string from, string to)
    {
        using (var stream = new FileStream(from, FileMode.Open, FileAccess.ReadWrite))
            stream.Flush(flushToDisk: true);
        File.Move(from, to, overwrite: true);
    }

    private void LoadStudyPseudonyms(LakeQuerySession session, string studyId, IReadOnlyList<CohortMember> members, DeliveryOptions delivery)
    {
        // The pseudonym as its canonical text (lower-case, hyphenated) in every delivered format: a
        // Parquet UUID reads as 16 bytes in pyarrow and pandas but as text from the CSV, and a join
        // across the two fails.
        session.Execute($"CREATE OR REPLACE TEMP TABLE cohort (member INTEGER, {StudyPseudonymColumn} VARCHAR, index_time TIMESTAMP, shift_days INTEGER)");
        using var appender = session.Connection.CreateAppender("temp", "main", "cohort");
        for (var i = 0; i < members.Count; i++)
        {
            var shift = delivery.DatePrecision == "shift" ? pseudonymizer.StudyDateShiftDays(studyId, members[i].Identity, delivery.ShiftMaxDays) : 0;
            appender.CreateRow()
                .AppendValue(i)
                .AppendValue(StudyPseudonymText(pseudonymizer.StudyPseudonym(studyId, members[i].Identity)))
                .AppendValue(members[i].IndexTime)
                .AppendValue(shift)
                .EndRow();
        }
    }

    /// <summary>How every delivered file writes a study pseudonym: 36 characters, lower-case hexadecimal with hyphens.</summary>
    public static string StudyPseudonymText(Guid pseudonym) => pseudonym.ToString("D");

    private static IEnumerable<DeliveredFile> Write(LakeQuerySession session, string table, string name, string folder, DeliveryOptions delivery)
    {
        var source = SqlText.Identifier(table);
        using var count = session.Command($"SELECT count(*) FROM {source}");
        var rows = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        var columns = ColumnsOf(session, source);
        var parquet = Path.Combine(folder, name + ".parquet");
        session.Execute($"COPY {source} TO {SqlText.Literal(parquet)} (FORMAT parquet, COMPRESSION zstd, KV_METADATA {ParquetMetadata})");
        OwnerOnly.Restrict(parquet);
        yield return Describe(parquet, name, rows, columns);
        if (delivery.Csv)
        {
            // Every text column quoted: pandas and readr then keep a code such as 2095 or 0101 as text
            // even without the README's types, and an empty text ("") differs from a missing one.
            var text = columns.Where(c => c.IsText).Select(c => SqlText.Identifier(c.Name)).ToList();
            var quoted = text.Count == 0 ? "" : $", FORCE_QUOTE ({string.Join(", ", text)})";
            var csvPath = Path.Combine(folder, name + ".csv");
            session.Execute($"COPY {source} TO {SqlText.Literal(csvPath)} (FORMAT csv, HEADER true, TIMESTAMPFORMAT {SqlText.Literal(CsvInstantFormat)}{quoted})");
            OwnerOnly.Restrict(csvPath);
            yield return Describe(csvPath, name, rows, columns);
        }

        if (delivery.Arrow)
        {
            // Read back from the Parquet file just written: one source of truth for both files.
            var arrow = Path.Combine(folder, name + ArrowDeliveryFile.Extension);
            var written = ArrowDeliveryFile.Write(session, parquet, arrow);
            if (written != rows)
                throw new InvalidDataException($"{name}{ArrowDeliveryFile.Extension} got {written} rows from a Parquet file of {rows}; the delivery is not written.");
            yield return Describe(arrow, name, rows, columns);
        }
    }

    private static DeliveredFile Describe(string path, string register, long rows, IReadOnlyList<DeliveredColumn> columns)
    {
        using var stream = File.OpenRead(path);
        return new DeliveredFile(Path.GetFileName(path), register, rows, stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream))) { Columns = columns };
    }

    /// <summary>The table's columns and DuckDB types, in order: what every file of the dataset holds.</summary>
    private static List<DeliveredColumn> ColumnsOf(LakeQuerySession session, string source)
    {
        using var command = session.Command($"SELECT column_name, column_type FROM (DESCRIBE {source})");
        using var reader = command.ExecuteReader();
        var columns = new List<DeliveredColumn>();
        while (reader.Read())
            columns.Add(new DeliveredColumn(reader.GetString(0), reader.GetString(1)));
        return columns;
    }
}
