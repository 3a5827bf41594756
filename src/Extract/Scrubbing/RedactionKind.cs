namespace Lake.Extract.Scrubbing;

/// <summary>A kind of direct identifier the scrubber takes out of free text.</summary>
public enum RedactionKind
{
    /// <summary>A Finnish identity code, or the mark ingest left where it masked one.</summary>
    IdentityCode,

    /// <summary>A Finnish phone number, national or international form.</summary>
    Phone,

    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A street name with its number, and the postal code and town when given.</summary>
    Address,

    /// <summary>A person's name from the name list, with the first or last name beside it.</summary>
    Name,
}
