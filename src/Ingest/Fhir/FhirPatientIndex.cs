using System.Security.Cryptography;
using System.Text.Json;
using Lake.Contracts.Files;
using Lake.Contracts.Lake;
using Lake.Pseudonymization;

namespace Lake.Ingest.Fhir;

/// <summary>
/// The identity code behind each Patient resource id of one FHIR system: how a Condition's
/// <c>subject.reference</c> (<c>Patient/123</c>) finds its person. Ingesting the system's Patient
/// resources fills it; it is kept from feed to feed as ingest state beside the batches, sealed under
/// the key ring (<see cref="SecretBox"/>, bound to the system), written owner-only and atomically.
/// It never reaches Parquet, and neither it nor any code in it is logged or shown.
/// </summary>
/// <remarks>
/// Ids are scoped to their system: two FHIR servers may both have a Patient/123. The whole index is
/// held in memory during an ingest, some 100 bytes a patient (350 MB for Apotti's 3.5 million).
/// </remarks>
internal sealed class FhirPatientIndex
{
    private const string Purpose = "fhir-patient-index";

    private readonly Dictionary<string, string> _codes;
    private readonly string? _root;
    private readonly string? _path;
    private readonly string _owner;
    private readonly SecretBox? _secrets;

    private FhirPatientIndex(Dictionary<string, string> codes, string? root, string? path, string owner, SecretBox? secrets)
    {
        // Ordinal, whatever the codes came in: lookups by span need a comparer that has them.
        _codes = new Dictionary<string, string>(codes, StringComparer.Ordinal);
        _root = root;
        _path = path;
        _owner = owner;
        _secrets = secrets;
    }

    public int Count => _codes.Count;

    /// <summary>Whether Patients were added since the index was opened or last saved.</summary>
    public bool Changed { get; private set; }

    /// <summary>An index that is never saved, for a dry run.</summary>
    public static FhirPatientIndex InMemory() => new([], null, null, "", null);

    /// <summary>The system's index as the last committed Patient ingest left it; empty when none has run.</summary>
    /// <exception cref="InvalidDataException">The file does not open under this key ring.</exception>
    /// <exception cref="RefusedPathException">The state folder or the file is a planted link.</exception>
    public static FhirPatientIndex Open(LakeLayout layout, string system, SecretBox secrets)
    {
        var owner = LakeLayout.SourceSlug(system);
        var path = ContainedPath.Under(layout.Root, layout.FhirPatientIndexPath(owner));
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            var plain = secrets.OpenBytes(Purpose, owner, File.ReadAllBytes(path))
                ?? throw new InvalidDataException(
                    $"The FHIR Patient index of {system} ({path}) does not open under this key ring: it was sealed under another one. " +
                    "Use the key ring the lake was built with (--keyring or LAKE_KEYRING).");
            try
            {
                codes = JsonSerializer.Deserialize<Dictionary<string, string>>(plain) ?? codes;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }

        return new FhirPatientIndex(codes, layout.Root, path, owner, secrets);
    }

    public bool TryGet(ReadOnlySpan<char> id, out string identityCode) =>
        _codes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(id, out identityCode!);

    /// <summary>
    /// Adds a Patient, unless its id is known: with the same code that is nothing new; with another,
    /// a conflict, and the first code stays (docs/fhir-bulk.md says why).
    /// </summary>
    public PatientRecording Record(ReadOnlySpan<char> id, string identityCode)
    {
        var lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(id, out var known))
            return string.Equals(known, identityCode, StringComparison.Ordinal) ? PatientRecording.AlreadyKnown : PatientRecording.Conflict;
        lookup[id] = identityCode;
        Changed = true;
        return PatientRecording.Added;
    }

    /// <summary>Seals and writes the index: a temporary file, flushed to disk, renamed over the old one, so a crash leaves the old index or the new one.</summary>
    public void Save()
    {
        if (_root is null || _path is null || _secrets is null)
            throw new InvalidOperationException("An in-memory Patient index is never saved.");

        var plain = JsonSerializer.SerializeToUtf8Bytes(_codes);
        byte[] sealedIndex;
        try
        {
            sealedIndex = _secrets.SealBytes(Purpose, _owner, plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        ContainedFiles.WriteDurably(_root, _path, stream => stream.Write(sealedIndex), overwrite: true);
        Changed = false;
    }

    /// <summary>Counts only: the codes are never shown.</summary>
    public override string ToString() => $"FhirPatientIndex({Count} patients, identity codes redacted)";
}
