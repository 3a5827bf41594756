namespace Lake.Synthetic.Care;

/// <summary>Imaging examinations of the synthetic radiology feeds.</summary>
internal static class ImagingExams
{
    public static readonly ImagingExam Thorax = new("GD1AA", "Keuhkojen röntgentutkimus", "CR", "RTG", "Keuhkokentät puhtaat. Sydän normaalikokoinen.");
    public static readonly ImagingExam HeadCt = new("AA1BD", "Pään TT", "CT", "TT", "Ei vuotoa eikä tuoretta infarktia.");
    public static readonly ImagingExam Hip = new("NF1AA", "Lonkan röntgentutkimus", "CR", "RTG", "Ei murtumaa.");
    public static readonly ImagingExam Wrist = new("NC1AA", "Ranteen röntgentutkimus", "CR", "RTG", "Ei murtumaa.");
    public static readonly ImagingExam AbdomenUs = new("JN1AG", "Vatsan ultraäänitutkimus", "US", "UÄ", "Maksa, sappi ja haima normaalit.");
    public static readonly ImagingExam BodyCt = new("JN1BD", "Vartalon TT", "CT", "TT", "Ei etäpesäkkeisiin viittaavaa.");
    public static readonly ImagingExam Knee = new("NG1AA", "Polven röntgentutkimus", "CR", "RTG", "Lievää nivelraon kapenemista.");
    public static readonly ImagingExam Mammography = new("HD1AA", "Mammografia", "MG", "MAMMO", "Ei pahanlaatuisuuteen viittaavaa. BI-RADS 1.");
    public static readonly ImagingExam SpineMr = new("NA1MD", "Lannerangan MK", "MR", "MK", "Lievä välilevyn pullistuma L4-L5, ei hermojuuren pinnettä.");

    /// <summary>What the radiologist writes when the examination finds the disease it was asked about.</summary>
    public static string FindingFor(string code, ImagingExam exam) => code switch
    {
        "J18.9" => "Oikean alalohkon infiltraatti, sopii pneumoniaan.",
        "U07.1" => "Molemminpuolisia mattalasimuutoksia, sopii COVID-19-pneumoniaan.",
        "I50.9" => "Sydän suurentunut, keuhkoissa kongestiota ja pleuranestettä.",
        "S72.0" => "Dislokoitunut reisiluun kaulan murtuma.",
        "S52.5" => "Värttinäluun distaalipään murtuma, lievä dorsaalinen angulaatio.",
        "I63.9" => "Hypodensiteetti vasemman keskimmäisen aivovaltimon alueella, sopii tuoreeseen infarktiin.",
        "K35.8" => "Umpilisäke paksuuntunut 9 mm, ympärillä tulehdusmuutosta.",
        "K80.2" => "Sappirakossa useita kiviä, seinämä ohut.",
        "M17.1" => "Mediaalisen nivelraon kapeneminen ja osteofyyttejä, sopii nivelrikkoon.",
        "C34.9" => "Oikean ylälohkon 3 cm kasvain, sopii primaarituumoriin.",
        _ => exam.NormalStatement,
    };
}
