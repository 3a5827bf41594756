namespace Lake.Synthetic.Care;

/// <summary>
/// The years each system records, from the dataset catalog, and the Uranus-to-Apotti migration:
/// which share of an overlap year's events the other system holds too.
/// </summary>
internal static class CareCalendar
{
    public static readonly DateOnly UranusFirstDay = new(2004, 1, 1);

    public static readonly DateOnly UranusLastDay = new(2020, 12, 31);

    /// <summary>Uranus diagnoses and visits were partial until then.</summary>
    public const int UranusPartialUntil = 2008;

    public const int UranusMedicationFrom = 2012;

    public const int UranusMeasurementFrom = 2013;

    /// <summary>Uranus inpatient periods and procedures end a year before its diagnoses and visits.</summary>
    public const int UranusInpatientTo = 2019;

    public const int ApottiVisitFrom = 2018;

    public const int ApottiMedicationFrom = 2019;

    /// <summary>Apotti texts, procedures and measurements start in 2021, its imaging in 2021 (partly) and 2022.</summary>
    public const int ApottiFullFrom = 2021;

    public const int OperaFrom = 2005;

    public const int OperaTo = 2020;

    public const int KemokurFrom = 2014;

    public const int KemokurTo = 2020;

    public const int MarelaFrom = 2003;

    public const int MuseFrom = 2010;

    public const int QpatiFrom = 1987;

    public const int QpatiTo = 2021;

    public const int MerlotmediCallsFrom = 2007;

    public const int MerlotmediCareFrom = 2008;

    public const int ObstetrixFrom = 2005;

    public const int ObstetrixTo = 2019;

    public const int MustiraduFrom = 1996;

    public static readonly DateTime HusRaduStart = new(2013, 7, 1);

    public const int HusRaduTo = 2022;

    /// <summary>Share of a year's Uranus encounters that the migration copied into Apotti as well.</summary>
    public static double UranusToApotti(int year) => year switch
    {
        2018 => 0.1,
        2019 => 0.25,
        2020 => 0.4,
        _ => 0,
    };

    /// <summary>Share of the 2020 Apotti encounters that were also entered in Uranus, still in use at some units.</summary>
    public const double ApottiToUranus2020 = 0.3;

    /// <summary>Imaging moved from HUSRadu to Apotti over 2021-2022.</summary>
    public static double ApottiImagingShare(int year) => year switch
    {
        < 2021 => 0,
        2021 => 0.2,
        2022 => 0.7,
        _ => 1,
    };
}
