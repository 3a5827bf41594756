namespace Lake.Synthetic;

/// <summary>Direct identifiers a synthetic free text may contain, for checking a scrubber against.</summary>
[Flags]
public enum TextIdentifiers
{
    None = 0,

    /// <summary>A Finnish identity code (HETU), the patient's own or a relative's.</summary>
    IdentityCode = 1,

    /// <summary>A phone number such as 040 123 4567 or +358 40 1234567.</summary>
    Phone = 2,

    /// <summary>An e-mail address.</summary>
    Email = 4,

    /// <summary>A street address with postcode.</summary>
    Address = 8,

    /// <summary>A person's first and last name (patient, relative or staff).</summary>
    Name = 16,
}
