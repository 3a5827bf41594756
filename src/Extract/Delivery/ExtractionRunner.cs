using System.Security.Cryptography;
using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.ControlPlane;
using Lake.Extract.Querying;
using Lake.Extract.Scrubbing;
using Lake.Pseudonymization;

namespace Lake.Extract.Delivery;

/// <summary>
/// Runs an accepted extraction: selects the cohort, gives each member the study pseudonym, writes
/// each requested register as its own file set (joined only by the study pseudonym), and
/// publishes the folder by renaming it into place once the manifest is written.
/// </summary>
public sealed class ExtractionRunner(LakeLayout layout, string deliveryRoot, Pseudonymizer pseudonymizer, TimeProvider time)
{
    public const string StudyPseudonymColumn = "study_id";

    /// <summary>
    /// Extracts for the request. With <paramref name="batches"/> (from an earlier manifest) the lake is
    /// read as it was then, which is how a replay produces the same files. A delivery with identity
    /// codes needs <paramref name="consentedIdentityCodes"/>, the codes the consent-based request supplied.
    /// </summary>
    public DeliveryManifest Run(
        Guid requestId,
        Permit permit,
        string requestedBy,
        StudySpecification specification,
        IReadOnlyCollection<string>? batches = null,
        IReadOnlyCollection<string>? consentedIdentityCodes = null)
    {
        // The permit check refuses these before a request is accepted; checked again here because
        // this is the last step before files exist, and a permit can change between the two.
        if (specification.Delivery.FreeText && !permit.AllowsFreeText || specification.Delivery.IdentityCodes && !permit.AllowsIdentityCodes)
            throw new InvalidOperationException($"Permit '{permit.Id}' does not allow the free text or identity codes the specification asks for; nothing was delivered.");
        if (specification.Delivery.IdentityCodes && consentedIdentityCodes is null)
            throw new InvalidOperationException("delivery.identity_codes is set, but the request supplied no consented identity codes. The lake keeps no identity codes and cannot derive them from pseudonyms; list the consented patients' codes with the request.");

        var studyFolder = Path.Combine(Path.GetFullPath(deliveryRoot), permit.StudyId);
        var final = Path.Combine(studyFolder, requestId.ToString());
        var partial = final + ".partial";
        if (Directory.Exists(partial))
            Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);

        var snapshot = batches is null ? LakeSnapshot.Take(layout) : LakeSnapshot.Of(layout, batches);
        using var session = LakeQuerySession.Open(snapshot, writableFolder: partial);
        var members = new CohortSelector(session, pseudonymizer).Select(specification.Cohort);
        LoadStudyPseudonyms(session, permit.StudyId, members, specification.Delivery);
        int? released = consentedIdentityCodes is null || !specification.Delivery.IdentityCodes
            ? null
            : IdentityCodeRelease.Load(session, members, consentedIdentityCodes, pseudonymizer);
        var scrubbing = specification.Delivery.FreeText ? FreeTextScrubbing.Register(session, TextScrubber.Finnish) : null;

        var files = new List<DeliveredFile>();
        var identityCodes = released is null ? "FROM cohort" : $", {IdentityCodeRelease.Column} FROM cohort LEFT JOIN {IdentityCodeRelease.Table} USING (member)";
        session.Execute($"CREATE OR REPLACE TEMP TABLE delivered_cohort AS SELECT {StudyPseudonymColumn}, {Dated("index_time", ColumnType.Timestamp, specification.Delivery, "shift_days")} AS index_time {identityCodes} ORDER BY {StudyPseudonymColumn}");
        files.AddRange(Write(session, "delivered_cohort", "cohort", partial, specification.Delivery.Csv));
        foreach (var dataset in specification.Datasets.Where(d => snapshot.HasData(d.Register)))
        {
            var register = RegisterCatalog.Get(dataset.Register);
            ExtractRegister(session, register, dataset, specification.Delivery, members);
            scrubbing?.Apply(session, "extract_" + register.Name, register, DeliveredColumns.Of(register, dataset, specification.Delivery));
            files.AddRange(Write(session, "extract_" + dataset.Register, dataset.Register, partial, specification.Delivery.Csv));
        }

        var manifest = new DeliveryManifest
        {
            RequestId = requestId,
            PermitId = permit.Id,
            StudyId = permit.StudyId,
            RequestedBy = requestedBy,
            AccessList = permit.Members,
            Specification = specification,
            CreatedAt = time.GetUtcNow(),
            CohortSize = members.Count,
            Files = files,
            BatchesRead = snapshot.Batches.Where(b => RegistersRead(specification).Contains(b.Register)).Select(b => b.BatchId).ToList(),
            LakeVersion = typeof(ExtractionRunner).Assembly.GetName().Version?.ToString() ?? "unknown",
            Redactions = scrubbing?.Counts.ToDictionary(),
            IdentityCodesReleased = released,
        };
        File.WriteAllText(Path.Combine(partial, "manifest.json"), JsonSerializer.Serialize(manifest, LakeJson.Options));
        DeliveryAccess.Write(partial, permit);
        DeliveryReadme.Write(partial, manifest);

        if (Directory.Exists(final))
            Directory.Delete(final, recursive: true);
        Directory.Move(partial, final);
        return manifest;
    }

    /// <summary>The registers an extraction reads: those delivered, and those the cohort is selected from.</summary>
    private static HashSet<string> RegistersRead(StudySpecification specification) =>
        [.. specification.Datasets.Select(d => d.Register), DiagnosisRegister.Name, PatientBackgroundRegister.Name];

    public string DeliveryFolder(string studyId, Guid requestId) => Path.Combine(Path.GetFullPath(deliveryRoot), studyId, requestId.ToString());

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

        conditions.AddRange(DatasetConditions.For(register, dataset, parameters));
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);

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
            QUALIFY row_number() OVER (PARTITION BY {EventIdentity(register)} ORDER BY {SourcePreference(register)}) = 1
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
        yield return Describe(parquet, name, rows);
        if (csv)
        {
            var csvPath = Path.Combine(folder, name + ".csv");
            session.Execute($"COPY {source} TO {SqlText.Literal(csvPath)} (FORMAT csv, HEADER true)");
            yield return Describe(csvPath, name, rows);
        }
    }

    private static DeliveredFile Describe(string path, string register, long rows)
    {
        using var stream = File.OpenRead(path);
        return new DeliveredFile(Path.GetFileName(path), register, rows, stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}
