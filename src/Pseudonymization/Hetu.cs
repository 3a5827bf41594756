using System.Diagnostics.CodeAnalysis;

namespace Lake.Pseudonymization;

/// <summary>
/// A validated Finnish personal identity code (henkilötunnus), <c>DDMMYYCZZZQ</c>.
/// The value is personal data: <see cref="ToString"/> never shows it, so an
/// instance that slips into a log line or an exception message reveals nothing.
/// </summary>
public sealed class Hetu : IEquatable<Hetu>
{
    private const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    private Hetu(string value, DateOnly birthDate, Sex sex, bool isTemporary)
    {
        Value = value;
        BirthDate = birthDate;
        Sex = sex;
        IsTemporary = isTemporary;
    }

    /// <summary>The code exactly as validated. Pass it only to the pseudonymizer.</summary>
    public string Value { get; }

    public DateOnly BirthDate { get; }

    public Sex Sex { get; }

    /// <summary>Individual numbers 900–999 are temporary codes, e.g. given in hospital before the real one is known.</summary>
    public bool IsTemporary { get; }

    /// <summary>
    /// Validates strictly: upper case only and no trimming, because a feed that sends
    /// anything else has a defect worth quarantining rather than guessing at.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out Hetu? hetu, out HetuError error)
    {
        hetu = null;
        error = Validate(text, out var birthDate, out var individualNumber);
        if (error != HetuError.None)
            return false;

        hetu = new Hetu(text.ToString(), birthDate, individualNumber % 2 == 1 ? Sex.Male : Sex.Female, individualNumber >= 900);
        return true;
    }

    public static Hetu Parse(string text) =>
        TryParse(text, out var hetu, out var error) ? hetu : throw new FormatException(error.Describe());

    /// <summary>Validation alone, with no allocation: for hot paths that cache by value.</summary>
    public static HetuError Validate(ReadOnlySpan<char> text) => Validate(text, out _, out _);

    /// <summary>Composes a valid code; used by the synthetic feed generator and tests.</summary>
    public static Hetu Create(DateOnly birthDate, int individualNumber, char? centurySign = null)
    {
        if (individualNumber is < 2 or > 999)
            throw new ArgumentOutOfRangeException(nameof(individualNumber), "Individual numbers run from 002 to 999.");

        if (birthDate.Year is < 1800 or > 2099)
            throw new ArgumentOutOfRangeException(nameof(birthDate), "Identity codes cover births from 1800 to 2099.");

        var sign = centurySign ?? (birthDate.Year / 100) switch
        {
            18 => '+',
            19 => '-',
            _ => 'A',
        };

        // A sign from another century would yield a valid code for a different birth date.
        if (CenturyOf(sign) != birthDate.Year / 100 * 100)
            throw new ArgumentOutOfRangeException(nameof(centurySign), $"Century sign '{sign}' does not denote the {birthDate.Year / 100 * 100}s.");

        var digits = (birthDate.Day * 10_000_000L) + (birthDate.Month * 100_000L) + ((birthDate.Year % 100) * 1000L) + individualNumber;
        var text = $"{birthDate.Day:00}{birthDate.Month:00}{birthDate.Year % 100:00}{sign}{individualNumber:000}{CheckCharacters[(int)(digits % 31)]}";
        return Parse(text);
    }

    public bool Equals(Hetu? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Hetu);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => "Hetu(redacted)";

    private static HetuError Validate(ReadOnlySpan<char> text, out DateOnly birthDate, out int individualNumber)
    {
        birthDate = default;
        individualNumber = 0;
        if (text.IsWhiteSpace())
            return HetuError.Empty;
        if (text.Length != 11)
            return HetuError.Length;

        for (var i = 0; i < 6; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
                return HetuError.Format;
        }

        for (var i = 7; i < 10; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
                return HetuError.Format;
        }

        var checkCharacter = text[10];
        if (!char.IsAsciiDigit(checkCharacter) && !char.IsAsciiLetterUpper(checkCharacter))
            return HetuError.Format;

        var century = CenturyOf(text[6]);
        if (century < 0)
            return HetuError.CenturySign;

        var day = Number(text[..2]);
        var month = Number(text[2..4]);
        var year = century + Number(text[4..6]);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return HetuError.Date;

        individualNumber = Number(text[7..10]);
        if (individualNumber < 2)
            return HetuError.IndividualNumber;

        var checkValue = (Number(text[..6]) * 1000L) + individualNumber;
        if (CheckCharacters[(int)(checkValue % 31)] != checkCharacter)
            return HetuError.CheckCharacter;

        birthDate = new DateOnly(year, month, day);
        return HetuError.None;
    }

    /// <summary>Signs valid since the decree in force 1 January 2023; -1 for anything else.</summary>
    private static int CenturyOf(char sign) => sign switch
    {
        '+' => 1800,
        '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
        'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
        _ => -1,
    };

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
            value = (value * 10) + (c - '0');
        return value;
    }
}
