namespace Lake.Pseudonymization;

public static class HetuErrorExtensions
{
    /// <summary>
    /// A reason a data engineer can act on. It never repeats the value itself: the
    /// reason lands in quarantine files and logs, where no identity code may appear.
    /// </summary>
    public static string Describe(this HetuError error) => error switch
    {
        HetuError.None => "valid",
        HetuError.Length => "invalid identity code: must be exactly 11 characters (DDMMYYCZZZQ) with no surrounding spaces",
        HetuError.Format => "invalid identity code: date and individual number must be digits and the check character an upper-case letter or digit",
        HetuError.CenturySign => "invalid identity code: unknown century sign (allowed: + - Y X W V U A B C D E F)",
        HetuError.Date => "invalid identity code: the birth date does not exist",
        HetuError.IndividualNumber => "invalid identity code: individual number 000 and 001 are never issued",
        HetuError.CheckCharacter => "invalid identity code: check character does not match",
        HetuError.Empty => "identity code is empty: the row names no person",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}
