namespace Lake.Synthetic.Care;

/// <summary>The intensive care systems of the dataset catalog, with the years it gives for each.</summary>
internal static class IcuSystems
{
    public static readonly IReadOnlyList<IcuSystem> All =
    [
        new("Caresuite Picis82", "icu_caresuite_picis82.jsonl", 2012, 2021, "Teho-osasto, Meilahti", Children: false, Caresuite: true),
        new("Clinisoft Jorvi", "icu_clinisoft_jorvi.csv", 2001, 2019, "Teho-osasto, Jorvi", Children: false, Caresuite: false),
        new("Clinisoft Haartman Malmi", "icu_clinisoft_haartman_malmi.csv", 2019, 2019, "Valvontaosasto, Haartman", Children: false, Caresuite: false),
        new("Caresuite Picis80", "icu_caresuite_picis80.jsonl", 2009, 2014, "Teho-osasto, Töölö", Children: false, Caresuite: true),
        new("Caresuite Meipicis", "icu_caresuite_meipicis.jsonl", 2003, 2009, "Teho-osasto, Meilahti", Children: false, Caresuite: true),
        new("Caresuite Peipicis", "icu_caresuite_peipicis.jsonl", 2006, 2009, "Teho-osasto, Peijas", Children: false, Caresuite: true),
        new("Caresuite Toopics", "icu_caresuite_toopics.jsonl", 2005, 2009, "Teho-osasto, Töölö", Children: false, Caresuite: true),
        new("Clinisoft LNS kix", "icu_clinisoft_lns_kix.csv", 1999, 2019, "Lasten teho-osasto K10", Children: true, Caresuite: false),
        new("Clinisoft LNS Que", "icu_clinisoft_lns_que.csv", 1999, 2019, "Lasten teho-osasto, Lastenklinikka", Children: true, Caresuite: false),
        new("Clinisoft Meilahti", "icu_clinisoft_meilahti.csv", 1999, 2019, "Teho-osasto, Meilahti", Children: false, Caresuite: false),
    ];

    /// <summary>Children under 16 go to the paediatric units.</summary>
    public const int ChildAge = 16;

    public static IcuSystem? Pick(DateTime time, double age, Random random)
    {
        var candidates = All.Where(s => s.Covers(time) && s.Children == (age < ChildAge)).ToList();
        return candidates.Count == 0 ? null : random.Pick(candidates);
    }
}
