using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Querying;

namespace Lake.Extract.Delivery;

/// <summary>
/// Splits an extraction into tasks over one lake snapshot: the cohort file, then each requested
/// register that has data. The batch ids fix what every task reads, whenever and wherever it runs.
/// </summary>
public sealed class ExtractionPlanner(LakeLayout layout)
{
    /// <summary>
    /// The plan over the lake as it is now, or, with <paramref name="batches"/> (from an earlier
    /// manifest), as it was then, which is how a replay produces the same files.
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
    /// The registers an extraction reads: those the cohort is selected from and those delivered, and
    /// the patient background register, which gives every member birth date and sex.
    /// </summary>
    private static HashSet<string> RegistersRead(StudySpecification specification) =>
        [.. SpecificationRegisters.Used(specification), PatientBackgroundRegister.Name];
}
