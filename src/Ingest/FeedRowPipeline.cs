using Lake.Contracts.Files;
using Lake.Contracts.Registers;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Fhir;
using Lake.Ingest.Mapping;
using Lake.Ingest.Reading;
using Lake.Pseudonymization;

namespace Lake.Ingest;

/// <summary>
/// The per-row logic of ingest, in one place: read a row, borrow lookup columns, apply the
/// descriptor's filters, check the row's shape and identity code (through the crosswalk or a FHIR
/// Patient reference; a FHIR Patient's id is recorded with its code), convert the fields and run
/// the plausibility checks. <see cref="FeedIngestor"/> writes what it accepts;
/// the dry run only shows it, and so cannot drift from what ingest would do.
/// </summary>
internal sealed class FeedRowPipeline : IDisposable
{
    private readonly IFeedReader _reader;
    private readonly IReadOnlyList<LookupTable> _lookups;
    private readonly IIdentityResolver? _resolver;
    private readonly FhirPatientIndex? _patients;
    private readonly int _patientIdIndex = -1;
    private readonly string _identityField;
    private readonly PlausibilityChecks _checks;
    private readonly IdentityCache _identities;
    private readonly Dictionary<string, long> _warnings = new(StringComparer.Ordinal);

    /// <param name="patients">The FHIR system's Patient index, for a descriptor of Patients or of resources that refer to them; an empty in-memory one when not given.</param>
    public FeedRowPipeline(SourceDescriptor descriptor, RegisterDefinition register, string feedPath, Pseudonymizer pseudonymizer, int keyId, string? crosswalkPath, TimeProvider time, FhirPatientIndex? patients = null)
    {
        FeedFile.Require(feedPath);

        Register = register;
        _identityField = descriptor.Identity;
        if (descriptor.Crosswalk is not null)
            _resolver = Crosswalk.Load(descriptor.Crosswalk, feedPath, crosswalkPath);
        else if (descriptor.IdentityKind == IdentityKinds.PatientReference)
            _resolver = new FhirPatientReferences(patients ??= FhirPatientIndex.InMemory(), descriptor.System);
        _reader = FeedReaders.Open(descriptor, feedPath);
        if (FhirFeeds.RecordsPatients(descriptor))
        {
            _patients = patients ?? FhirPatientIndex.InMemory();
            _patientIdIndex = _reader.ColumnNames.ToList().IndexOf(FhirResources.IdPath);
        }

        try
        {
            if (_reader.ColumnNames.Count == 0)
                throw new FeedException($"Feed '{feedPath}' is empty: not even a header row.");
            _lookups = descriptor.Lookups.Select(l => LookupTable.Load(l, feedPath, _reader.ColumnNames, descriptor.Format.ResolveEncoding())).ToList();
            Mapper = new RowMapper(descriptor, Register, [.. _reader.ColumnNames, .. _lookups.SelectMany(l => l.ColumnNames)]) { FeedColumnCount = _reader.ColumnNames.Count };
        }
        catch
        {
            _reader.Dispose();
            throw;
        }

        _checks = new PlausibilityChecks(Register, time.GetLocalNow().DateTime);
        _identities = new IdentityCache(pseudonymizer, Register.Name, keyId);
        Values = new FieldValue[Register.Columns.Count];
    }

    public RegisterDefinition Register { get; }

    public RowMapper Mapper { get; }

    /// <summary>The row just read; valid until the next <see cref="Read"/>.</summary>
    public FeedRecord Record { get; } = new();

    /// <summary>The converted register values of the row just accepted.</summary>
    public FieldValue[] Values { get; }

    public char DisplayDelimiter => _reader.DisplayDelimiter;

    public long RowsRead { get; private set; }

    public Dictionary<string, long> ExcludedByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>Warning checks counted so far, identity codes masked in text included.</summary>
    public Dictionary<string, long> WarningsByCheck
    {
        get
        {
            var masked = Mapper.Converters.Sum(c => c?.IdentityCodesMasked ?? 0);
            if (masked > 0)
                _warnings[WarningChecks.IdentityCodeInText] = masked;
            return _warnings;
        }
    }

    /// <summary>Reads and judges the next row; false at the end of the feed.</summary>
    public bool Read(out RowOutcome outcome)
    {
        outcome = default;
        if (!_reader.Read(Record))
            return false;

        RowsRead++;
        var complete = Record.Problem is null && Record.Count == Mapper.FeedColumnCount;
        if (complete)
        {
            foreach (var lookup in _lookups)
                lookup.AppendTo(Record);
        }

        if ((complete ? Mapper.ExclusionOf(Record) : null) is { } exclusion)
        {
            ExcludedByReason[exclusion] = ExcludedByReason.GetValueOrDefault(exclusion) + 1;
            outcome = new RowOutcome(RowVerdict.Excluded, null, Guid.Empty, null);
            return true;
        }

        var rejection = CheckShapeAndIdentity(out var identity, out var shiftDays);
        int? year = null;
        rejection ??= Mapper.Map(Record, identity.Hetu!, Values, shiftDays, out year);
        rejection ??= _checks.Fatal(Values, identity.BirthDate);
        if (rejection is not null)
        {
            outcome = new RowOutcome(RowVerdict.Rejected, rejection, Guid.Empty, null);
            return true;
        }

        _checks.CountWarnings(Values, _warnings);
        outcome = new RowOutcome(RowVerdict.Accepted, null, identity.Pseudonym, year);
        return true;
    }

    /// <summary>Whether the feed has another row, read but not judged or counted (the dry run stops at a limit).</summary>
    public bool HasAnotherRow() => _reader.Read(Record);

    public void Dispose() => _reader.Dispose();

    private Rejection? CheckShapeAndIdentity(out IdentityCache.Entry identity, out int shiftDays)
    {
        identity = default;
        shiftDays = 0;
        if (Record.Problem is not null)
            return new Rejection(Record.ProblemReason ?? RejectionReasons.UnreadableRecord, null, Record.Problem);
        // The decoder puts U+FFFD where bytes are not text in the declared encoding; such a value would
        // enter the lake silently changed, so the row waits in quarantine for the right encoding.
        if (Record.FieldContaining('\uFFFD') is var broken and >= 0)
        {
            return new Rejection(RejectionReasons.InvalidEncoding, broken < _reader.ColumnNames.Count ? _reader.ColumnNames[broken] : null,
                "the row holds bytes that are not text in the descriptor's encoding (shown as \uFFFD); check format.encoding, or fix the bytes at the source");
        }
        if (Record.Count != Mapper.FeedColumnCount + Mapper.LookupColumnCount)
        {
            return new Rejection(RejectionReasons.WrongFieldCount, null,
                $"the row has {Record.Count} fields, the header {Mapper.FeedColumnCount}: a truncated line or an unbalanced quote");
        }

        var code = Record[Mapper.IdentityIndex];
        if (_resolver is not null)
        {
            if (_resolver.Resolve(code, out var mapped, out shiftDays) is { } unknown)
                return unknown;
            code = mapped;
        }

        // A FHIR Patient without an identifier in the identity code's system has an empty identity,
        // which says more as such than as a code of the wrong length.
        if (code.IsWhiteSpace())
            return new Rejection(RejectionReasons.InvalidIdentity, "identity", $"invalid identity code: there is none ('{_identityField}' is empty)");
        identity = _identities.Resolve(code);
        if (identity.Hetu is null)
            return new Rejection(RejectionReasons.InvalidIdentity, "identity", identity.Error.Describe());
        return _patientIdIndex >= 0 ? RecordPatient(identity.Hetu) : null;
    }

    /// <summary>
    /// Records a FHIR Patient's id with its identity code once the code is known to be valid, so the
    /// resources that refer to the Patient find it; a Patient without an id cannot be referred to,
    /// but its own row is kept.
    /// </summary>
    private Rejection? RecordPatient(Hetu hetu)
    {
        var id = Record[_patientIdIndex].Trim();
        if (id.IsEmpty || _patients!.Record(id, hetu.Value) != PatientRecording.Conflict)
            return null;
        return new Rejection(RejectionReasons.PatientIdentityConflict, FhirResources.IdPath,
            $"Patient/{id} was ingested before with another identity code; the first one stays (docs/fhir-bulk.md)");
    }
}
