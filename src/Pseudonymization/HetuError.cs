namespace Lake.Pseudonymization;

/// <summary>The first rule of the identity code format that a value breaks.</summary>
public enum HetuError
{
    None,
    Length,
    Format,
    CenturySign,
    Date,
    IndividualNumber,
    CheckCharacter,

    /// <summary>No identity code at all (empty, or only spaces): a missing value, not a malformed one.</summary>
    Empty,
}
