namespace Lake.Synthetic.Care;

/// <summary>The pathology examinations of the synthetic Qpati feed; SNOMED as topography and morphology codes.</summary>
internal static class PathologySpecimens
{
    public static readonly PathologySpecimen Appendix = new("Umpilisäke", "T66000 M41000", "Akuutti flegmonoottinen appendisiitti. Ei pahanlaatuisuutta.");
    public static readonly PathologySpecimen GallBladder = new("Sappirakko", "T57000 M43000", "Krooninen kolekystiitti ja kolelitiaasi.");
    public static readonly PathologySpecimen PapSmear = new("Papa-näyte", "T83000 M00100", "Normaali irtosolunäyte, ei atypiaa.");
    public static readonly PathologySpecimen AtypicalPapSmear = new("Papa-näyte", "T83000 M67000", "ASC-US, kontrolli 12 kk kuluttua.");
    public static readonly PathologySpecimen Nevus = new("Iho, luomi", "T02000 M87200", "Junktionaalinen nevus, poistettu kokonaan.");

    private static readonly Dictionary<string, (PathologySpecimen Biopsy, PathologySpecimen Resection)> Cancer = new(StringComparer.Ordinal)
    {
        ["C50.9"] = (new("Rinta, paksuneulabiopsia", "T04000 M85003", "Duktaalinen karsinooma, gradus 2. ER 90 %, PR 60 %, HER2 negatiivinen."),
                     new("Rinta, sektorresekaatti", "T04000 M85003", "Duktaalinen karsinooma 14 mm, marginaalit vapaat.")),
        ["C61"] = (new("Eturauhanen, neulabiopsiat", "T77100 M81403", "Adenokarsinooma, Gleason 3+4=7, 4/12 biopsiassa."),
                   new("Eturauhanen, prostatektomia", "T77100 M81403", "Adenokarsinooma, Gleason 3+4=7, pT2c, marginaalit vapaat.")),
        ["C34.9"] = (new("Keuhko, bronkoskooppinen biopsia", "T28000 M80703", "Levyepiteelikarsinooma."),
                     new("Keuhko, lobektomia", "T28000 M80703", "Levyepiteelikarsinooma 32 mm, imusolmukkeet 0/9.")),
        ["C18.9"] = (new("Paksusuoli, biopsia", "T67000 M81403", "Adenokarsinooma."),
                     new("Paksusuoli, hemikolektomia", "T67000 M81403", "Adenokarsinooma, pT3 N0, imusolmukkeet 0/16.")),
    };

    public static bool IsCancer(string code) => Cancer.ContainsKey(code);

    public static PathologySpecimen BiopsyOf(string cancer) => Cancer[cancer].Biopsy;

    public static PathologySpecimen ResectionOf(string cancer) => Cancer[cancer].Resection;
}
