namespace Lake.Extract.Scrubbing;

/// <summary>What replaces each kind of identifier in a delivered text, and how the manifest names its count.</summary>
public static class RedactionMarks
{
    public static string Mark(RedactionKind kind) => kind switch
    {
        RedactionKind.IdentityCode => "[HETU]",
        RedactionKind.Phone => "[PHONE]",
        RedactionKind.Email => "[EMAIL]",
        RedactionKind.Address => "[ADDRESS]",
        _ => "[NAME]",
    };

    public static string CountName(RedactionKind kind) => kind switch
    {
        RedactionKind.IdentityCode => "identity_codes",
        RedactionKind.Phone => "phone_numbers",
        RedactionKind.Email => "email_addresses",
        RedactionKind.Address => "street_addresses",
        _ => "names",
    };
}
