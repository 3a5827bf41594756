using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Disclosure;
using Lake.Extract.Querying;

namespace Lake.Extract.Catalog;

/// <summary>
/// Builds the lake's own dataset catalog: every register, with the sources, years and volumes the
/// committed batches hold, and distinct patients counted by DuckDB over the committed files. It is
/// shown without a permit, so every count passes <see cref="DisclosureControl"/> here, before it
/// leaves this class.
/// </summary>
public static class LakeCatalog
{
    /// <summary>
    /// The catalog's disclosure rules: the default threshold, whoever reads it (the command line
    /// and the portal alike), because the catalog is shown to everyone signed in and no option
    /// or setting of the reader's may loosen it.
    /// </summary>
    public static DisclosureControl Disclosure() => new();

    public static IReadOnlyList<CatalogRegister> Build(LakeLayout layout, RegisterCatalog registers, DisclosureControl disclosure)
    {
        var snapshot = LakeSnapshot.Take(layout, registers);
        using var session = snapshot.Batches.Any(b => b.Files.Count > 0) ? LakeQuerySession.Open(snapshot) : null;
        return registers.All.Select(register =>
        {
            var batches = snapshot.BatchesOf(register.Name).ToList();
            return batches.Count == 0
                ? new CatalogRegister { Register = register, Sources = [] }
                : InLake(register, batches, snapshot.HasData(register.Name) ? session : null, disclosure);
        }).ToList();
    }

    private static CatalogRegister InLake(RegisterDefinition register, List<BatchCommit> batches, LakeQuerySession? session, DisclosureControl disclosure)
    {
        var systems = batches.GroupBy(b => b.SourceSystem, StringComparer.Ordinal).ToList();
        var patients = session is null ? new PatientCounts([], 0, true) : CountPatients(session, register.Name);
        var rows = disclosure.ShowBreakdown(systems.Select(s => s.Sum(b => b.RowsWritten)).ToList());
        var quarantined = disclosure.ShowBreakdown(systems.Select(s => s.Sum(b => b.RowsQuarantined)).ToList());
        // A breakdown too, with the register's total shown beside it: one source's "1-5" next to exact
        // counts of the others would give away, by subtraction from the total, how many patients only it holds.
        var patientsBySource = disclosure.ShowBreakdown(systems.Select(s => patients.BySource.GetValueOrDefault(LakeLayout.SourceSlug(s.Key))).ToList());
        var sources = systems.Select((system, i) => new CatalogSource
        {
            System = system.Key,
            InDatasetCatalog = register.Sources.Any(s => s.System == system.Key),
            Years = system.SelectMany(b => b.Files).Where(f => f.Year is not null && f.Rows > 0).Select(f => f.Year!.Value).Distinct().Order().ToList(),
            Batches = system.Count(),
            Rows = rows[i],
            Patients = patientsBySource[i],
            Quarantined = quarantined[i],
            QuarantineRate = Rate(quarantined[i], system.Sum(b => b.RowsRead)),
        }).ToList();

        var total = disclosure.Show(batches.Sum(b => b.RowsQuarantined));
        return new CatalogRegister
        {
            Register = register,
            Sources = sources,
            Rows = disclosure.Show(batches.Sum(b => b.RowsWritten)),
            Patients = disclosure.Show(patients.Total),
            PatientsExact = patients.Exact,
            Quarantined = total,
            QuarantineRate = Rate(total, batches.Sum(b => b.RowsRead)),
            Excluded = disclosure.Show(batches.Sum(b => b.ExcludedByReason.Values.Sum())),
            Warnings = disclosure.Show(batches.Sum(b => b.WarningsByCheck.Values.Sum())),
        };
    }

    /// <summary>
    /// A register pseudonym is stable within one key generation, so distinct pseudonyms per
    /// generation are distinct patients; across generations the same patient has two, and the sum
    /// is only an upper bound (telling them apart would need the keys, which a catalog should not).
    /// </summary>
    private static PatientCounts CountPatients(LakeQuerySession session, string register)
    {
        var table = SqlName(register);
        var bySource = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = session.Command($"SELECT CAST(source AS VARCHAR), count(DISTINCT (pseudonym, key_id)) FROM {table} GROUP BY ALL"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                bySource[reader.GetString(0)] = reader.GetInt64(1);
        }

        using var total = session.Command($"SELECT count(DISTINCT (pseudonym, key_id)), count(DISTINCT key_id) FROM {table}");
        using var totals = total.ExecuteReader();
        totals.Read();
        return new PatientCounts(bySource, totals.GetInt64(0), totals.GetInt64(1) <= 1);
    }

    private static double? Rate(ShownCount quarantined, long read) =>
        quarantined.IsSuppressed || read == 0 ? null : (double)quarantined.Value!.Value / read;

    // Register names come from the catalog, never from a user; quoted all the same.
    private static string SqlName(string register) => "\"" + register.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record PatientCounts(Dictionary<string, long> BySource, long Total, bool Exact);
}
