using System.Globalization;
using Lake.Contracts.Lake;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Mapping;
using Lake.Ingest.Reading;
using Lake.Pseudonymization;
using nietras.SeparatedValues;

namespace Lake.Ingest.Fhir;

/// <summary>
/// What ingesting one FHIR feed keeps beside the lake: the system's Patient index, opened before
/// the rows are read. A Patient feed holds the index's lock until its batch commits, because two
/// Patient feeds of one system saving at once would each drop the other's Patients; the index is
/// saved just before the commit record, so a committed Patient batch always has its Patients in it
/// (a crash in between leaves Patients the redone batch records again, the same way).
/// </summary>
internal sealed class FhirIngestState : IDisposable
{
    private readonly SourceDescriptor _descriptor;
    private readonly BatchLock? _writing;

    private FhirIngestState(SourceDescriptor descriptor, FhirPatientIndex patients, BatchLock? writing)
    {
        _descriptor = descriptor;
        Patients = patients;
        _writing = writing;
    }

    public FhirPatientIndex Patients { get; }

    /// <summary>The state a descriptor needs, or null for a feed that neither records nor refers to Patients.</summary>
    /// <exception cref="BatchBusyException">Another Patient feed of the system is being ingested.</exception>
    public static FhirIngestState? Open(LakeLayout layout, IKeyStore keys, SourceDescriptor descriptor)
    {
        if (!FhirFeeds.UsesPatientIndex(descriptor))
            return null;

        var writing = FhirFeeds.RecordsPatients(descriptor)
            ? BatchLock.Acquire(layout, LakeLayout.SourceSlug(descriptor.System) + "-fhir-patients")
            : null;
        try
        {
            return new FhirIngestState(descriptor, FhirPatientIndex.Open(layout, descriptor.System, new SecretBox(keys)), writing);
        }
        catch
        {
            writing?.Dispose();
            throw;
        }
    }

    /// <summary>Saves the Patients a Patient feed added; call before the batch's commit record is written.</summary>
    public void SaveBeforeCommit()
    {
        if (Patients.Changed)
            Patients.Save();
    }

    /// <summary>
    /// Whether a row the feed's latest batch quarantined for an unknown Patient would now resolve:
    /// only then is an ingested feed read again. The quarantine names the rows by line; only their
    /// patient references are evaluated, so the check costs a fraction of an ingest.
    /// </summary>
    public bool HasWaitingRowsThatResolve(LakeLayout layout, BatchCommit latest, string feedPath)
    {
        var quarantine = layout.QuarantinePath(latest.BatchId);
        if (!FhirFeeds.ResolvesPatientReferences(_descriptor)
            || latest.QuarantinedByReason.GetValueOrDefault(RejectionReasons.UnknownPatientReference) == 0 || !File.Exists(quarantine))
        {
            return false;
        }

        var waiting = new HashSet<long>();
        using (var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromFile(quarantine))
        {
            foreach (var row in reader)
            {
                if (row["reason"].Span.SequenceEqual(RejectionReasons.UnknownPatientReference))
                    waiting.Add(long.Parse(row["line"].Span, NumberStyles.None, CultureInfo.InvariantCulture));
            }
        }

        using var feed = FeedReaders.OpenFhir(_descriptor, feedPath, [_descriptor.Identity.Trim()]);
        var record = new FeedRecord();
        while (feed.Read(record))
        {
            if (record.Problem is null && waiting.Contains(record.Line)
                && FhirPatientReferences.TryPatientId(record[0], out var id, out _) && Patients.TryGet(id, out _))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _writing?.Dispose();
}
