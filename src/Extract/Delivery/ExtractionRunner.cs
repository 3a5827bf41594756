using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Contracts.Registers;
using Lake.Pseudonymization;

namespace Lake.Extract.Delivery;

/// <summary>
/// Runs an accepted extraction in this process: the plan (<see cref="ExtractionPlanner"/>), every
/// dataset (<see cref="DatasetTask"/>), then the assembly (<see cref="DeliveryAssembler"/>). The
/// coordinator and its workers use those pieces apart, so that workers anywhere can share the work.
/// </summary>
public sealed class ExtractionRunner(ExtractionPlanner planner, DatasetTask datasetTask, DeliveryAssembler assembler)
{
    /// <summary>The three pieces over one lake and delivery area, the task writing where the assembler looks.</summary>
    public static ExtractionRunner Over(LakeLayout layout, RegisterCatalog registers, DeliveryArea deliveries, Pseudonymizer pseudonymizer, TimeProvider time, Omop.OmopOptions? omop = null)
    {
        var assembler = new DeliveryAssembler(deliveries, layout, registers, time, omop);
        return new ExtractionRunner(new ExtractionPlanner(layout, registers), new DatasetTask(layout, registers, assembler, pseudonymizer), assembler);
    }

    /// <summary>
    /// Extracts for the request: the plan, every task, then the assembly. With
    /// <paramref name="batches"/> and <paramref name="registerVersions"/> (from an earlier manifest)
    /// the lake is read as it was then, which is how a replay produces the same files.
    /// </summary>
    public DeliveryManifest Run(
        Guid requestId,
        Permit permit,
        string requestedBy,
        StudySpecification specification,
        IReadOnlyCollection<string>? batches = null,
        IReadOnlyCollection<string>? consentedIdentityCodes = null,
        IReadOnlyDictionary<string, int>? registerVersions = null)
    {
        DeliveryPermitCheck.ThrowIfDisallows(permit, specification);
        // Refused before the plan: an OMOP request this service cannot map must not wait for a whole extraction to fail.
        if (Omop.OmopRequestCheck.RefusalReason(specification, assembler.OmopOptions) is { } omopRefusal)
            throw new Omop.OmopVocabularyException(omopRefusal);
        var plan = planner.Plan(specification, batches, registerVersions);
        // An earlier attempt's leftovers are not this run's output.
        var partial = assembler.PartialFolder(permit.StudyId, requestId);
        if (Directory.Exists(partial))
            Directory.Delete(partial, recursive: true);
        var files = plan.Datasets.SelectMany(dataset => datasetTask.Run(requestId, permit.StudyId, specification, plan.Batches, dataset, consentedIdentityCodes, plan.RegisterVersions)).ToList();
        return assembler.Assemble(requestId, permit, requestedBy, specification, plan.Batches, files);
    }

    /// <summary>Where <see cref="Run"/> publishes the request's delivery.</summary>
    public string DeliveryFolder(string studyId, Guid requestId) => assembler.DeliveryFolder(studyId, requestId);
}
