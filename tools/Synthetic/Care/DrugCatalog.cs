namespace Lake.Synthetic.Care;

/// <summary>
/// Medicines the synthetic medication feeds prescribe: one treatment per chronic condition (kept for
/// good once chosen), discharge prescriptions after acute illness, ward stock given on the ward,
/// chemotherapy courses for cancers.
/// </summary>
internal static class DrugCatalog
{
    public static readonly Drug Metformin = new("A10BA02", "Metformiini", "500 mg x 2", "p.o.");
    public static readonly Drug Amoxicillin = new("J01CA04", "Amoksisilliini", "1 g x 3", "p.o.");
    public static readonly Drug Nitrofurantoin = new("J01XE01", "Nitrofurantoiini", "75 mg x 2", "p.o.");
    public static readonly Drug Cefalexin = new("J01DB01", "Kefaleksiini", "500 mg x 3", "p.o.");
    public static readonly Drug Oxycodone = new("N02AA05", "Oksikodoni", "5 mg tarvittaessa", "p.o.");
    public static readonly Drug Ibuprofen = new("M01AE01", "Ibuprofeeni", "400 mg x 3 tarvittaessa", "p.o.");
    public static readonly Drug Paracetamol = new("N02BE01", "Parasetamoli", "1 g x 3", "p.o.");

    /// <summary>Given on the ward during an inpatient period.</summary>
    public static readonly IReadOnlyList<Drug> WardStock =
    [
        new("B01AB05", "Enoksapariini", "40 mg x 1", "s.c."),
        Paracetamol,
        new("J01DC02", "Kefuroksiimi", "1,5 g x 3", "i.v."),
        new("A04AA01", "Ondansetroni", "4 mg tarvittaessa", "i.v."),
        new("C03CA01", "Furosemidi", "20 mg x 1", "i.v."),
    ];

    /// <summary>
    /// Marela medicine orders name the product as the hospital pharmacy does; a Windows program,
    /// so doses carry en dashes and ellipses that only Windows-1252 can hold.
    /// </summary>
    public static readonly IReadOnlyList<Drug> MarelaProducts =
    [
        new("N02BE01", "Panadol® 500 mg tabl.", "1–2 tabl. x 3", "p.o."),
        new("B01AB05", "Klexane® 40 mg/0,4 ml inj.", "40 mg x 1", "s.c."),
        new("N02AA05", "Oxynorm® 5 mg kaps.", "5–10 mg tarv., max 6 x/vrk", "p.o."),
        new("J01DC02", "Zinacef® 1,5 g inj.kuiva-aine", "1,5 g x 3", "i.v."),
        new("A06AD11", "Levolac® 670 mg/ml oraaliliuos", "15–30 ml x 1…2", "p.o."),
        new("N05CF01", "Imovane® 7,5 mg tabl.", "½–1 tabl. illalla", "p.o."),
        new("A02BC02", "Somac® 40 mg enterotabl.", "40 mg x 1 – aamulla", "p.o."),
    ];

    private static readonly Dictionary<string, Drug[]> Chronic = new(StringComparer.Ordinal)
    {
        // Hypertension: ACE inhibitors and angiotensin receptor blockers first, beta blockers less often.
        ["I10"] = [new("C09AA05", "Ramipriili", "5 mg x 1", "p.o."), new("C09CA01", "Losartaani", "50 mg x 1", "p.o."), new("C09AA05", "Ramipriili", "10 mg x 1", "p.o."), new("C07AB07", "Bisoprololi", "5 mg x 1", "p.o.")],
        ["E78.0"] = [new("C10AA05", "Atorvastatiini", "20 mg x 1", "p.o."), new("C10AA07", "Rosuvastatiini", "10 mg x 1", "p.o.")],
        ["J45.9"] = [new("R03BA02", "Budesonidi", "200 µg x 2", "inhal."), new("R03AK07", "Formoteroli+budesonidi", "160/4,5 µg x 2", "inhal.")],
        ["J44.9"] = [new("R03BB04", "Tiotropium", "18 µg x 1", "inhal.")],
        ["I48.9"] = [new("B01AF02", "Apiksabaani", "5 mg x 2", "p.o."), new("B01AF01", "Rivaroksabaani", "20 mg x 1", "p.o.")],
        ["I25.1"] = [new("B01AC06", "Asetyylisalisyylihappo", "100 mg x 1", "p.o."), new("C07AB02", "Metoprololi", "47,5 mg x 1", "p.o.")],
        ["I50.9"] = [new("C03CA01", "Furosemidi", "40 mg x 1", "p.o."), new("C07AB07", "Bisoprololi", "2,5 mg x 1", "p.o.")],
        ["F32.9"] = [new("N06AB10", "Essitalopraami", "10 mg x 1", "p.o."), new("N06AB06", "Sertraliini", "50 mg x 1", "p.o.")],
        ["F41.1"] = [new("N06AB10", "Essitalopraami", "10 mg x 1", "p.o."), new("N06AX16", "Venlafaksiini", "75 mg x 1", "p.o.")],
        ["F20.9"] = [new("N05AH04", "Ketiapiini", "300 mg x 1", "p.o."), new("N05AX12", "Aripipratsoli", "10 mg x 1", "p.o.")],
        ["E03.9"] = [new("H03AA01", "Levotyroksiini", "75 µg x 1", "p.o.")],
        ["G40.9"] = [new("N03AX14", "Levetirasetaami", "500 mg x 2", "p.o."), new("N03AX09", "Lamotrigiini", "100 mg x 2", "p.o.")],
        ["G35"] = [new("L04AA27", "Fingolimodi", "0,5 mg x 1", "p.o.")],
        ["G20"] = [new("N04BA02", "Levodopa+karbidopa", "100/25 mg x 3", "p.o.")],
        ["F03"] = [new("N06DX01", "Memantiini", "20 mg x 1", "p.o."), new("N06DA02", "Donepetsiili", "10 mg x 1", "p.o.")],
        ["K21.9"] = [new("A02BC02", "Pantopratsoli", "40 mg x 1", "p.o.")],
        ["K50.9"] = [new("L04AX01", "Atsatiopriini", "100 mg x 1", "p.o.")],
        ["M06.9"] = [new("L04AX03", "Metotreksaatti", "15 mg kerran viikossa", "p.o.")],
        ["M17.1"] = [Paracetamol, Ibuprofen],
        ["M54.5"] = [Ibuprofen, Paracetamol],
        ["L40.0"] = [new("D05AX02", "Kalsipotrioli", "kerran päivässä", "iholle")],
        ["C50.9"] = [new("L02BG04", "Letrotsoli", "2,5 mg x 1", "p.o.")],
        ["C61"] = [new("L02AE02", "Leuproreliini", "22,5 mg 3 kk välein", "s.c.")],
    };

    private static readonly Dictionary<string, Drug> Chemotherapy = new(StringComparer.Ordinal)
    {
        ["C50.9"] = new("L01CD01", "Paklitakseli", "80 mg/m²", "i.v."),
        ["C61"] = new("L01CD02", "Dosetakseli", "75 mg/m²", "i.v."),
        ["C34.9"] = new("L01XA01", "Sisplatiini", "75 mg/m²", "i.v."),
        ["C18.9"] = new("L01BC02", "Fluorourasiili", "400 mg/m²", "i.v."),
    };

    /// <summary>The treatment a person keeps for a chronic condition, or null for conditions treated otherwise.</summary>
    public static Drug? ChooseFor(IcdCode code, Random random) =>
        code.IsDiabetes ? Metformin : Chronic.TryGetValue(code.Code, out var options) ? random.Pick(options) : null;

    public static Drug? ChemotherapyFor(string code) => Chemotherapy.GetValueOrDefault(code);
}
