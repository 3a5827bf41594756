using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Querying;

namespace Lake.Extract.Delivery;

/// <summary>
/// Splits an extraction into tasks over one lake snapshot: the cohort file, then each requested
/// register that has data. The batch ids and register versions fix what every task reads, whenever
/// and wherever it runs; the lake keeps a copy of each version read (<see cref="RegisterVersions"/>).
/// </summary>
public sealed class ExtractionPlanner(LakeLayout layout, RegisterCatalog registers)
{
    /// <summary>The registers the planner reads with, for checks that must agree with it.</summary>
    public RegisterCatalog Registers => registers;

    /// <summary>
    /// The plan over the lake as it is now, or, with <paramref name="batches"/> and
    /// <paramref name="registerVersions"/> (from an earlier manifest), as it was then, which is how
    /// a replay produces the same files.
    /// </summary>
    /// <exception cref="RegisterFileException">A register's current file is not an allowed evolution of the versions the lake holds.</exception>
    public ExtractionPlan Plan(StudySpecification specification, IReadOnlyCollection<string>? batches = null, IReadOnlyDictionary<string, int>? registerVersions = null)
    {
        var snapshot = batches is null ? LakeSnapshot.Take(layout, registers) : LakeSnapshot.Of(layout, batches, registers, registerVersions);
        var read = RegistersRead(specification);
        var datasets = specification.Datasets.Where(d => snapshot.HasData(d.Register)).Select(d => d.Register).ToList();
        var versions = new RegisterVersions(layout);
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var register in read.Where(name => snapshot.HasData(name) && snapshot.Registers.TryGet(name, out _)).Select(snapshot.Registers.Get))
        {
            versions.Record(register);
            used[register.Name] = register.Version;
        }

        return new ExtractionPlan(
            [ExtractDataset.Cohort, .. datasets],
            snapshot.Batches.Where(b => read.Contains(b.Register)).Select(b => b.BatchId).ToList(),
            used);
    }

    /// <summary>
    /// The registers an extraction reads: those the cohort is selected from and those delivered, and
    /// the patient background register, which gives every member birth date and sex.
    /// </summary>
    private static HashSet<string> RegistersRead(StudySpecification specification) =>
        [.. SpecificationRegisters.Used(specification), RegisterNames.PatientBackground];
}
