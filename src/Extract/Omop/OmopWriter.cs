using System.Security.Cryptography;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Delivery;
using Lake.Extract.Querying;

namespace Lake.Extract.Omop;

/// <summary>
/// Writes a delivery's omop/ folder, the OMOP CDM 5.4 tables built from the delivery's own Parquet
/// files (so OMOP holds exactly what the researcher received, at the same date precision) with
/// their codes mapped through the hospital's vocabulary (<see cref="OmopOptions.Vocabulary"/>).
/// The mapping rules are in docs/omop.md.
/// </summary>
public sealed class OmopWriter(OmopOptions options)
{
    /// <summary>The tables in the order they are written, note only when free text was delivered.</summary>
    public static readonly IReadOnlyList<string> Tables =
    [
        "person", "observation_period", "visit_occurrence", "condition_occurrence", "procedure_occurrence",
        "drug_exposure", "measurement", "observation", "death", "note", "cdm_source",
    ];

    // The column whose concept counts a row as mapped, for the manifest.
    private static readonly IReadOnlyDictionary<string, string> MappedBy = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["person"] = "gender_concept_id",
        ["visit_occurrence"] = "visit_concept_id",
        ["condition_occurrence"] = "condition_concept_id",
        ["procedure_occurrence"] = "procedure_concept_id",
        ["drug_exposure"] = "drug_concept_id",
        ["measurement"] = "measurement_concept_id",
        ["observation"] = "observation_concept_id",
    };

    /// <summary>Writes omop/ into <paramref name="delivery"/>, which holds the delivery's register files.</summary>
    /// <exception cref="OmopVocabularyException">No vocabulary is configured, or its folder is unusable.</exception>
    public OmopDelivery Write(string delivery, StudySpecification specification, string description, DateOnly released)
    {
        if (!options.HasVocabulary)
            throw new OmopVocabularyException(OmopRequestCheck.NoVocabulary);
        var vocabulary = Path.GetFullPath(options.Vocabulary!);
        var folder = Path.Combine(delivery, OmopDelivery.Folder);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        OwnerOnly.CreateFolder(folder);

        using var session = new OmopSession([delivery, vocabulary]);
        var version = OmopVocabulary.Load(session, vocabulary);
        session.Execute(OmopDdl.For(OmopSession.Schema));
        var build = new OmopBuild(session, new OmopDeliveredFiles(session, delivery), OmopVocabulary.IfPresent(session, OmopConcepts.Ehr), specification.Delivery.DatePrecision);

        var left = OmopPersonTables.WritePersons(build, OmopVocabulary.IfPresent(session, OmopConcepts.Male), OmopVocabulary.IfPresent(session, OmopConcepts.Female));
        OmopVisitTable.Write(build, OmopVocabulary.IfPresent(session, OmopConcepts.InpatientVisit), OmopVocabulary.IfPresent(session, OmopConcepts.OutpatientVisit), OmopVocabulary.IfPresent(session, OmopConcepts.EmergencyRoomVisit));
        OmopEventTables.WriteConditions(build);
        OmopEventTables.WriteProcedures(build);
        OmopEventTables.WriteDrugs(build);
        OmopEventTables.WriteMeasurements(build);
        OmopEventTables.WriteObservations(build);
        var notes = OmopNoteTable.Write(build, specification.Delivery.FreeText && specification.Datasets.Any(d => d.Register == RegisterNames.PatientRecordText));
        OmopPersonTables.WriteObservationPeriods(build);
        OmopCdmSourceTable.Write(session, options, description, released, version, OmopVocabulary.IfPresent(session, OmopConcepts.CdmVersion54));

        var counts = new Dictionary<string, OmopTableCount>(StringComparer.Ordinal);
        var files = new List<DeliveredFile>();
        foreach (var table in Tables.Where(t => notes || t != "note"))
        {
            var source = $"{OmopSession.Schema}.{SqlText.Identifier(table)}";
            var rows = session.Count($"SELECT count(*) FROM {source}");
            long? mapped = MappedBy.TryGetValue(table, out var column) ? session.Count($"SELECT count(*) FROM {source} WHERE {SqlText.Identifier(column)} <> 0") : null;
            counts[table] = new OmopTableCount(rows, mapped);
            files.Add(Copy(session, source, Path.Combine(folder, table + ".parquet"), "(FORMAT parquet, COMPRESSION zstd)", table, rows));
            if (specification.Delivery.Csv)
                files.Add(Copy(session, source, Path.Combine(folder, table + ".csv"), "(FORMAT csv, HEADER true)", table, rows));
        }

        return new OmopDelivery { Tables = counts, VocabularyVersion = version, Files = files, MembersWithoutBirthDate = left };
    }

    private static DeliveredFile Copy(OmopSession session, string source, string path, string format, string table, long rows)
    {
        session.Execute($"COPY {source} TO {SqlText.Literal(path)} {format}");
        OwnerOnly.Restrict(path);
        using var stream = File.OpenRead(path);
        return new DeliveredFile(OmopDelivery.Folder + "/" + Path.GetFileName(path), OmopDelivery.Folder + "." + table, rows, stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}
