namespace Lake.Ingest.Mapping;

/// <summary>Names of the fatal data-quality checks: a row failing one is quarantined under this reason.</summary>
public static class RejectionReasons
{
    public const string InvalidIdentity = "invalid_identity";
    public const string WrongFieldCount = "wrong_field_count";
    public const string MissingRequired = "missing_required";
    public const string InvalidDate = "invalid_date";
    public const string InvalidNumber = "invalid_number";
    public const string MalformedCode = "malformed_code";
    public const string UnmappedValue = "unmapped_value";
    public const string OutsideSourceYears = "outside_source_years";
    public const string FieldTooLong = "field_too_long";
    public const string UnreadableRecord = "unreadable_record";
    public const string UnknownLocalId = "unknown_local_id";
    public const string EventBeforeBirth = "event_before_birth";
    public const string EventInFuture = "event_in_future";

    /// <summary>The row holds bytes that are not text in the feed's declared encoding (the decoder put U+FFFD in their place).</summary>
    public const string InvalidEncoding = "invalid_encoding";

    /// <summary>A FHIR feed holds a resource of another type than its descriptor reads (docs/fhir-bulk.md).</summary>
    public const string UnexpectedResourceType = "unexpected_resource_type";

    /// <summary>A FHIR resource refers to a Patient that no Patient resource ingested before from the system has.</summary>
    public const string UnknownPatientReference = "unknown_patient_reference";

    /// <summary>A Patient resource comes with another identity code than the one its id was first ingested with.</summary>
    public const string PatientIdentityConflict = "patient_identity_conflict";

    /// <summary>
    /// The feed ends inside a quoted field: it was cut off mid-row (a transfer stopped, a disk filled),
    /// so the row's last field is a truncated value and is never stored.
    /// </summary>
    public const string UnclosedQuote = "unclosed_quote";

    /// <summary>A value the descriptor decodes (base64) does not decode to UTF-8 text.</summary>
    public const string UndecodableValue = "undecodable_value";
}
