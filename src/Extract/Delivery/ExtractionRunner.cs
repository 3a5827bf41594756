using System.Security.Cryptography;
using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Contracts.Registers;
using Lake.Extract.Querying;
using Lake.Extract.Scrubbing;
using Lake.Pseudonymization;

namespace Lake.Extract.Delivery;

/// <summary>
/// Runs an accepted extraction: selects the cohort, gives each member the study pseudonym, writes
/// each requested register as its own file set (joined only by the study pseudonym), and
/// publishes the folder by renaming it into place once the manifest is written. The work comes in
/// three pieces, so that workers anywhere can share it: <see cref="Plan"/>, <see cref="RunTask"/>
/// per dataset, <see cref="Assemble"/>; <see cref="Run"/> does all three in this process.
/// </summary>
public sealed class ExtractionRunner(LakeLayout layout, DeliveryArea deliveries, Pseudonymizer pseudonymizer, TimeProvider time)
{
    public const string StudyPseudonymColumn = "study_id";

    private const string PartialSuffix = ".partial";

    private readonly RecentCohorts _cohorts = new();

    // Names starting with a dot are the tasks' bookkeeping, removed before the delivery is published.
    private const string TaskRecordPrefix = ".task-";
    private const string ScratchPrefix = ".scratch-";

    /// <summary>
    /// Extracts for the request in this process: the plan, every task, then the assembly. With
    /// <paramref name="batches"/> (from an earlier manifest) the lake is read as it was then, which is
    /// how a replay produces the same files.
    /// </summary>
    public DeliveryManifest Run(
        Guid requestId,
        Permit permit,
        string requestedBy,
        StudySpecification specification,
        IReadOnlyCollection<string>? batches = null,
        IReadOnlyCollection<string>? consentedIdentityCodes = null)
    {
        ThrowIfPermitDisallows(permit, specification);
        var plan = Plan(specification, batches);
        // An earlier attempt's leftovers are not this run's output.
        var partial = PartialFolder(permit.StudyId, requestId);
        if (Directory.Exists(partial))
            Directory.Delete(partial, recursive: true);
        var files = plan.Datasets.SelectMany(dataset => RunTask(requestId, permit.StudyId, specification, plan.Batches, dataset, consentedIdentityCodes)).ToList();
        return Assemble(requestId, permit, requestedBy, specification, plan.Batches, files);
    }

    /// <summary>
    /// Splits an extraction into tasks over one lake snapshot: the cohort file, then each requested
    /// register that has data. The batch ids fix what every task reads, whenever and wherever it runs.
    /// </summary>
    public ExtractionPlan Plan(StudySpecification specification, IReadOnlyCollection<string>? batches = null)
    {
        var snapshot = batches is null ? LakeSnapshot.Take(layout) : LakeSnapshot.Of(layout, batches);
        var read = RegistersRead(specification);
        var datasets = specification.Datasets.Where(d => snapshot.HasData(d.Register)).Select(d => d.Register);
        return new ExtractionPlan(
            [ExtractDataset.Cohort, .. datasets],
            snapshot.Batches.Where(b => read.Contains(b.Register)).Select(b => b.BatchId).ToList());
    }

    /// <summary>
    /// Writes one dataset of the plan into the request's partial folder and describes its files.
    /// Each file is written under a temporary name and renamed into place, and a record of the
    /// task's files is renamed into place last: a task that finds that record ran already, so a
    /// redelivered task writes nothing twice. Each process selects the cohort from the plan's batches
    /// (once per request, see <see cref="RecentCohorts"/>), which gives every task, on any worker, the
    /// same members and study pseudonyms.
    /// </summary>
    public IReadOnlyList<DeliveredFile> RunTask(
        Guid requestId, string studyId, StudySpecification specification, IReadOnlyCollection<string> batches, string dataset, IReadOnlyCollection<string>? consentedIdentityCodes = null)
    {
        // The dataset names files and the task's record: only the cohort or a register the
        // (catalog-checked) specification names.
        var request = dataset == ExtractDataset.Cohort ? null : specification.Datasets.FirstOrDefault(d => d.Register == dataset)
            ?? throw new InvalidDataException($"The specification of request {requestId} has no dataset '{dataset}'.");
        consentedIdentityCodes ??= request is null && specification.Delivery.IdentityCodes ? SealedCodesOf(specification) : null;
        if (request is null && specification.Delivery.IdentityCodes && consentedIdentityCodes is null)
            throw new InvalidOperationException("delivery.identity_codes is set, but the request supplied no consented identity codes. The lake keeps no identity codes and cannot derive them from pseudonyms; list the consented patients' codes with the request.");
        var partial = PartialFolder(studyId, requestId);
        OwnerOnly.CreateFolder(partial);
        var record = Path.Combine(partial, TaskRecordPrefix + dataset + ".json");
        if (File.Exists(record))
            return JsonSerializer.Deserialize<List<DeliveredFile>>(File.ReadAllText(record), LakeJson.Options)!;

        var scratch = Path.Combine(partial, ScratchPrefix + dataset + "-" + Guid.NewGuid().ToString("N"));
        OwnerOnly.CreateFolder(scratch);
        try
        {
            var snapshot = LakeSnapshot.Of(layout, batches);
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
                    session.Execute($"CREATE OR REPLACE TEMP TABLE delivered_cohort AS SELECT {StudyPseudonymColumn}, {Dated("index_time", ColumnType.Timestamp, specification.Delivery, "shift_days")} AS index_time {identityCodes} ORDER BY {StudyPseudonymColumn}");
                    files = [.. Write(session, "delivered_cohort", ExtractDataset.Cohort, scratch, specification.Delivery.Csv).Select(f => f with { IdentityCodesReleased = released })];
                }
                else
                {
                    var register = RegisterCatalog.Get(dataset);
                    var scrubbing = specification.Delivery.FreeText ? FreeTextScrubbing.Register(session, TextScrubber.Finnish) : null;
                    ExtractRegister(session, register, request, specification.Delivery, members);
                    scrubbing?.Apply(session, "extract_" + register.Name, register, DeliveredColumns.Of(register, request, specification.Delivery));
                    files = [.. Write(session, "extract_" + dataset, dataset, scratch, specification.Delivery.Csv).Select(f => f with { Redactions = scrubbing?.Counts.ToDictionary() })];
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

    /// <summary>
    /// Completes a delivery from its tasks' files: manifest, access list and README, the tasks'
    /// bookkeeping removed, the operating system's access list written (see <see cref="DeliveryArea"/>),
    /// and the folder renamed into place. A delivery renamed into place already (an assembly
    /// interrupted after the rename) keeps its manifest and gets its access list again.
    /// </summary>
    /// <exception cref="Access.DeliveryAccessException">The access list cannot be written; nothing is published.</exception>
    public DeliveryManifest Assemble(Guid requestId, Permit permit, string requestedBy, StudySpecification specification, IReadOnlyList<string> batches, IReadOnlyList<DeliveredFile> files)
    {
        ThrowIfPermitDisallows(permit, specification);
        var final = DeliveryFolder(permit.StudyId, requestId);
        var partial = final + PartialSuffix;
        var manifestName = "manifest.json";
        if (!Directory.Exists(partial) && File.Exists(Path.Combine(final, manifestName)))
        {
            deliveries.Grant(final, permit.Members);
            return JsonSerializer.Deserialize<DeliveryManifest>(File.ReadAllText(Path.Combine(final, manifestName)), LakeJson.Options)!;
        }

        var cohort = files.First(f => f.Register == ExtractDataset.Cohort);
        var manifest = new DeliveryManifest
        {
            RequestId = requestId,
            PermitId = permit.Id,
            StudyId = permit.StudyId,
            RequestedBy = requestedBy,
            AccessList = permit.Members,
            Specification = specification,
            CreatedAt = time.GetUtcNow(),
            CohortSize = checked((int)cohort.Rows),
            Files = files,
            BatchesRead = batches,
            LakeVersion = typeof(ExtractionRunner).Assembly.GetName().Version?.ToString() ?? "unknown",
            Redactions = RedactionsOf(files),
            IdentityCodesReleased = cohort.IdentityCodesReleased,
            MembersWithoutAccount = deliveries.WithoutAccount(permit.Members) is { Count: > 0 } missing ? missing : null,
        };
        OwnerOnly.WriteAllText(Path.Combine(partial, manifestName), JsonSerializer.Serialize(manifest, LakeJson.Options));
        DeliveryAccess.Write(partial, permit, manifest.CreatedAt, manifest.MembersWithoutAccount);
        DeliveryReadme.Write(partial, manifest);
        foreach (var bookkeeping in Directory.EnumerateFileSystemEntries(partial, ".*"))
        {
            if (Directory.Exists(bookkeeping))
                Directory.Delete(bookkeeping, recursive: true);
            else
                File.Delete(bookkeeping);
        }

        // Complete before its access list is written, and written before it appears under its
        // final name: no moment when a member finds it half there or it is open to anyone else.
        deliveries.Grant(partial, permit.Members);
        if (Directory.Exists(final))
            Directory.Delete(final, recursive: true);
        Directory.Move(partial, final);
        return manifest;
    }

    /// <summary>
    /// The registers an extraction reads: those the cohort is selected from and those delivered, and
    /// the patient background register, which gives every member birth date and sex.
    /// </summary>
    private static HashSet<string> RegistersRead(StudySpecification specification) =>
        [.. SpecificationRegisters.Used(specification), PatientBackgroundRegister.Name];

    /// <summary>
    /// The permit check refuses these before a request is accepted; checked again before anything is
    /// written and before a delivery is published, because a permit can change in between.
    /// </summary>
    private static void ThrowIfPermitDisallows(Permit permit, StudySpecification specification)
    {
        if ((specification.Delivery.FreeText && !permit.AllowsFreeText) || (specification.Delivery.IdentityCodes && !permit.AllowsIdentityCodes))
            throw new InvalidOperationException($"Permit '{permit.Id}' does not allow the free text or identity codes the specification asks for; nothing was delivered.");
    }

    /// <summary>Identifiers taken out of the delivered free text, summed over the registers' Parquet files (a CSV beside one holds the same rows).</summary>
    private static IReadOnlyDictionary<string, long>? RedactionsOf(IReadOnlyList<DeliveredFile> files)
    {
        var scrubbed = files.Where(f => f.Redactions is not null && f.Name.EndsWith(".parquet", StringComparison.Ordinal)).ToList();
        return scrubbed.Count == 0
            ? null
            : scrubbed.SelectMany(f => f.Redactions!).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);
    }

    public string DeliveryFolder(string studyId, Guid requestId) => Path.Combine(deliveries.StudyFolder(studyId), requestId.ToString());

    /// <summary>Where a delivery's files gather until it is assembled; researchers never see it.</summary>
    public string PartialFolder(string studyId, Guid requestId) => DeliveryFolder(studyId, requestId) + PartialSuffix;

    private void LoadStudyPseudonyms(LakeQuerySession session, string studyId, IReadOnlyList<CohortMember> members, DeliveryOptions delivery)
    {
        session.Execute($"CREATE OR REPLACE TEMP TABLE cohort (member INTEGER, {StudyPseudonymColumn} UUID, index_time TIMESTAMP, shift_days INTEGER)");
        using var appender = session.Connection.CreateAppender("temp", "main", "cohort");
        for (var i = 0; i < members.Count; i++)
        {
            var shift = delivery.DatePrecision == "shift" ? pseudonymizer.StudyDateShiftDays(studyId, members[i].Identity, delivery.ShiftMaxDays) : 0;
            appender.CreateRow()
                .AppendValue(i)
                .AppendValue(pseudonymizer.StudyPseudonym(studyId, members[i].Identity))
                .AppendValue(members[i].IndexTime)
                .AppendValue(shift)
                .EndRow();
        }
    }

    /// <summary>A delivered date or time column at the precision the specification asks for; a shift keeps the column's type.</summary>
    private static string Dated(string column, ColumnType type, DeliveryOptions delivery, string shiftDays) => delivery.DatePrecision switch
    {
        "month" => $"CAST(date_trunc('month', {column}) AS DATE)",
        "year" => $"CAST(date_trunc('year', {column}) AS DATE)",
        "shift" when type == ColumnType.Date => $"{column} + {shiftDays}",
        "shift" => $"{column} + to_days({shiftDays})",
        _ => column,
    };

    private void ExtractRegister(LakeQuerySession session, RegisterDefinition register, DatasetRequest dataset, DeliveryOptions delivery, IReadOnlyList<CohortMember> members)
    {
        var map = PseudonymMap.Load(session, register.Name, members, pseudonymizer);
        var columns = DeliveredColumns.Of(register, dataset, delivery)
            .Select(c => c.Type is ColumnType.Date or ColumnType.Timestamp
                ? $"{Dated("r." + SqlText.Identifier(c.Name), c.Type, delivery, "c.shift_days")} AS {SqlText.Identifier(c.Name)}"
                : "r." + SqlText.Identifier(c.Name));
        var conditions = new List<string>();
        var parameters = new List<object?>();
        if (register.EventColumn is not null)
        {
            conditions.Add($"r.{SqlText.Identifier(register.EventColumn)} >= $1 AND r.{SqlText.Identifier(register.EventColumn)} < $2");
            parameters.Add(dataset.From?.ToDateTime(TimeOnly.MinValue) ?? new DateTime(1900, 1, 1));
            parameters.Add(dataset.To?.AddDays(1).ToDateTime(TimeOnly.MinValue) ?? new DateTime(2101, 1, 1));
        }

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        // Filters, terms and specialties judge each event by its delivered copy: applied after the
        // choice between overlapping systems, so a match in a copy that is not delivered selects nothing.
        var chosen = string.Concat(DatasetConditions.For(register, dataset, parameters).Select(c => " AND " + c));

        // A total order (event time first, then every column) so that a replay writes identical files.
        var order = string.Concat((register.EventColumn is null ? [] : new[] { register.EventColumn })
            .Concat(register.Columns.Select(c => c.Name)).Distinct().Select(c => ", r." + SqlText.Identifier(c)));
        // The source system stays with each row: where Uranus and Apotti overlap, researchers see the lineage.
        session.Execute(
            $"""
            CREATE OR REPLACE TEMP TABLE {SqlText.Identifier("extract_" + register.Name)} AS
            SELECT c.{StudyPseudonymColumn}, {string.Join(", ", columns)}, r.source AS source_system
            FROM {SqlText.Identifier(register.Name)} r
            JOIN {SqlText.Identifier(map)} m ON r.pseudonym = m.pseudonym AND r.key_id = m.key_id
            JOIN cohort c ON c.member = m.member
            {where}
            QUALIFY row_number() OVER (PARTITION BY {EventIdentity(register)} ORDER BY {SourcePreference(register)}) = 1{chosen}
            ORDER BY c.{StudyPseudonymColumn}{order}
            """,
            [.. parameters]);
    }

    /// <summary>
    /// One event, whichever system sent it: the patient and the register's event key. A register
    /// without an event key (patient background) keeps one row per patient.
    /// </summary>
    private static string EventIdentity(RegisterDefinition register) =>
        string.Join(", ", register.EventKey.Select(c => "r." + SqlText.Identifier(c)).Prepend("c.member"));

    /// <summary>The preferred source first (see docs/overlapping-sources.md); then a stable order so replays pick the same row.</summary>
    private static string SourcePreference(RegisterDefinition register)
    {
        var ranks = register.SourcePrecedence.Select((system, rank) => $"WHEN {SqlText.Literal(LakeLayout.SourceSlug(system))} THEN {rank}");
        var tiebreak = register.Columns.Select(c => "r." + SqlText.Identifier(c.Name));
        return string.Join(", ", tiebreak.Prepend($"CASE r.source {string.Join(" ", ranks)} ELSE {register.SourcePrecedence.Count} END"));
    }

    private static IEnumerable<DeliveredFile> Write(LakeQuerySession session, string table, string name, string folder, bool csv)
    {
        var source = SqlText.Identifier(table);
        using var count = session.Command($"SELECT count(*) FROM {source}");
        var rows = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        var parquet = Path.Combine(folder, name + ".parquet");
        session.Execute($"COPY {source} TO {SqlText.Literal(parquet)} (FORMAT parquet, COMPRESSION zstd)");
        OwnerOnly.Restrict(parquet);
        yield return Describe(parquet, name, rows);
        if (csv)
        {
            var csvPath = Path.Combine(folder, name + ".csv");
            session.Execute($"COPY {source} TO {SqlText.Literal(csvPath)} (FORMAT csv, HEADER true)");
            OwnerOnly.Restrict(csvPath);
            yield return Describe(csvPath, name, rows);
        }
    }

    private static DeliveredFile Describe(string path, string register, long rows)
    {
        using var stream = File.OpenRead(path);
        return new DeliveredFile(Path.GetFileName(path), register, rows, stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}
