using Lake.Contracts.Files;
using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Contracts.Registers;

namespace Lake.Extract.Delivery;

/// <summary>
/// Completes a delivery from its tasks' files and publishes it, and knows where a delivery lives:
/// its final folder, and the partial folder its tasks write into until it is assembled. The README
/// describes each register at the version its files were read with.
/// </summary>
public sealed class DeliveryAssembler(DeliveryArea deliveries, LakeLayout layout, RegisterCatalog registers, TimeProvider time, Omop.OmopOptions? omop = null)
{
    /// <summary>The OMOP settings this assembler writes omop/ with; none configured when null.</summary>
    public Omop.OmopOptions? OmopOptions => omop;

    private const string PartialSuffix = ".partial";
    public const string ManifestName = "manifest.json";

    /// <summary>
    /// Completes a delivery from its tasks' files: manifest, access list and README, the tasks'
    /// bookkeeping removed, the operating system's access list written (see <see cref="DeliveryArea"/>),
    /// and the folder renamed into place. A delivery renamed into place already (an assembly
    /// interrupted after the rename) keeps its manifest and gets its access list again.
    /// </summary>
    /// <exception cref="Access.DeliveryAccessException">The access list cannot be written; nothing is published.</exception>
    public DeliveryManifest Assemble(Guid requestId, Permit permit, string requestedBy, StudySpecification specification, IReadOnlyList<string> batches, IReadOnlyList<DeliveredFile> files)
    {
        DeliveryPermitCheck.ThrowIfDisallows(permit, specification);
        var final = DeliveryFolder(permit.StudyId, requestId);
        var partial = final + PartialSuffix;
        if (!Directory.Exists(partial) && File.Exists(Path.Combine(final, ManifestName)))
        {
            deliveries.Grant(final, permit.Members);
            return DeliveryManifestFile.Read(final);
        }

        var cohort = files.First(f => f.Register == ExtractDataset.Cohort);
        var createdAt = time.GetUtcNow();
        var omopTables = specification.Delivery.Omop
            ? new Omop.OmopWriter(omop ?? new()).Write(partial, specification, $"Delivery {requestId} of study {permit.StudyId}", DateOnly.FromDateTime(createdAt.UtcDateTime))
            : null;
        var manifest = new DeliveryManifest
        {
            RequestId = requestId,
            PermitId = permit.Id,
            StudyId = permit.StudyId,
            RequestedBy = requestedBy,
            AccessList = permit.Members,
            Specification = specification,
            CreatedAt = createdAt,
            CohortSize = checked((int)cohort.Rows),
            Files = files,
            BatchesRead = batches,
            LakeVersion = typeof(DeliveryAssembler).Assembly.GetName().Version?.ToString() ?? "unknown",
            Redactions = RedactionsOf(files),
            IdentityCodesReleased = cohort.IdentityCodesReleased,
            TransferTo = specification.Delivery.TransferTo,
            MembersWithoutAccount = deliveries.WithoutAccount(permit.Members) is { Count: > 0 } missing ? missing : null,
            Omop = omopTables,
        };
        OwnerOnly.WriteAllText(Path.Combine(partial, ManifestName), JsonSerializer.Serialize(manifest, LakeJson.Options));
        DeliveryAccess.Write(partial, permit, manifest.CreatedAt, manifest.MembersWithoutAccount);
        var readWith = ReadWith(manifest);
        DeliveryReadme.Write(partial, manifest, readWith);
        DeliveryDataPackage.Write(partial, manifest, readWith);
        // Names starting with a dot are the tasks' bookkeeping (see DatasetTask), not part of the delivery.
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

    /// <summary>The registers as the delivery's files were read: each at the version its files record.</summary>
    private RegisterCatalog ReadWith(DeliveryManifest manifest)
    {
        var versions = new RegisterVersions(layout);
        return registers.With(manifest.RegisterVersions().Select(v => versions.Get(v.Key, v.Value)));
    }

    public string DeliveryFolder(string studyId, Guid requestId) => deliveries.RequestFolder(studyId, requestId.ToString());

    /// <summary>Where a delivery's files gather until it is assembled; researchers never see it.</summary>
    public string PartialFolder(string studyId, Guid requestId) => deliveries.RequestFolder(studyId, requestId + PartialSuffix);

    /// <summary>Identifiers taken out of the delivered free text, summed over the registers' Parquet files (a CSV beside one holds the same rows).</summary>
    private static IReadOnlyDictionary<string, long>? RedactionsOf(IReadOnlyList<DeliveredFile> files)
    {
        var scrubbed = files.Where(f => f.Redactions is not null && f.Name.EndsWith(".parquet", StringComparison.Ordinal)).ToList();
        return scrubbed.Count == 0
            ? null
            : scrubbed.SelectMany(f => f.Redactions!).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);
    }
}
