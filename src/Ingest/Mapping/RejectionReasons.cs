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
}
