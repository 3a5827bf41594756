namespace Lake.Synthetic.Care;

/// <summary>Operations of the synthetic feeds, with THL (NOMESCO) procedure codes.</summary>
internal static class Surgeries
{
    public static readonly Surgery HipScrews = new("NFJ60", "Reisiluun kaulan murtuman kiinnitys ruuveilla", 45, 90, "spinaali");
    public static readonly Surgery HipHemiarthroplasty = new("NFB12", "Lonkan puoliproteesi", 60, 120, "spinaali");
    public static readonly Surgery WristPlate = new("NCJ62", "Värttinäluun alaosan murtuman levykiinnitys", 40, 90, "plexus");
    public static readonly Surgery Appendectomy = new("JEA01", "Laparoskooppinen umpilisäkkeen poisto", 30, 75, "yleisanestesia", PathologySpecimens.Appendix);
    public static readonly Surgery Cholecystectomy = new("JKA21", "Laparoskooppinen sappirakon poisto", 45, 120, "yleisanestesia", PathologySpecimens.GallBladder);
    public static readonly Surgery Cataract = new("CJE20", "Kaihileikkaus, takakammiomykiö", 15, 35, "paikallispuudutus");
    public static readonly Surgery KneeArthroplasty = new("NGB20", "Polven tekonivel", 70, 130, "spinaali");
    public static readonly Surgery Caesarean = new("MCA10", "Keisarileikkaus", 35, 70, "spinaali");

    /// <summary>The operation that treats a cancer, with the resected specimen for pathology.</summary>
    public static Surgery? ForCancer(string code) => code switch
    {
        "C50.9" => new("HAB40", "Rinnan osapoisto", 60, 120, "yleisanestesia", PathologySpecimens.ResectionOf(code)),
        "C61" => new("KEC01", "Radikaali prostatektomia, robottiavusteinen", 150, 240, "yleisanestesia", PathologySpecimens.ResectionOf(code)),
        "C34.9" => new("GDC00", "Keuhkolohkon poisto", 120, 240, "yleisanestesia", PathologySpecimens.ResectionOf(code)),
        "C18.9" => new("JFB30", "Oikeanpuoleinen hemikolektomia", 120, 210, "yleisanestesia", PathologySpecimens.ResectionOf(code)),
        _ => null,
    };
}
