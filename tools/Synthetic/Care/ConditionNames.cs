namespace Lake.Synthetic.Care;

/// <summary>How clinicians name the diagnoses in free text, in Finnish and in English.</summary>
internal static class ConditionNames
{
    private static readonly Dictionary<string, (string Finnish, string English)> Names = new(StringComparer.Ordinal)
    {
        ["I10"] = ("verenpainetauti", "hypertension"),
        ["E78.0"] = ("hyperkolesterolemia", "hypercholesterolaemia"),
        ["J45.9"] = ("astma", "asthma"),
        ["I48.9"] = ("eteisvärinä", "atrial fibrillation"),
        ["J44.9"] = ("keuhkoahtaumatauti", "COPD"),
        ["N18.3"] = ("krooninen munuaisten vajaatoiminta", "chronic kidney disease"),
        ["I25.1"] = ("sepelvaltimotauti", "coronary artery disease"),
        ["I50.9"] = ("sydämen vajaatoiminta", "heart failure"),
        ["F32.9"] = ("masennus", "depression"),
        ["F41.1"] = ("yleistynyt ahdistuneisuushäiriö", "generalised anxiety disorder"),
        ["F20.9"] = ("skitsofrenia", "schizophrenia"),
        ["E03.9"] = ("kilpirauhasen vajaatoiminta", "hypothyroidism"),
        ["E66.9"] = ("lihavuus", "obesity"),
        ["G40.9"] = ("epilepsia", "epilepsy"),
        ["G35"] = ("MS-tauti", "multiple sclerosis"),
        ["G20"] = ("Parkinsonin tauti", "Parkinson's disease"),
        ["F03"] = ("muistisairaus", "dementia"),
        ["K21.9"] = ("refluksitauti", "reflux disease"),
        ["K50.9"] = ("Crohnin tauti", "Crohn's disease"),
        ["M06.9"] = ("nivelreuma", "rheumatoid arthritis"),
        ["M17.1"] = ("polven nivelrikko", "knee osteoarthritis"),
        ["M54.5"] = ("alaselkäkipu", "low back pain"),
        ["L40.0"] = ("psoriaasi", "psoriasis"),
        ["C50.9"] = ("rintasyöpä", "breast cancer"),
        ["C61"] = ("eturauhassyöpä", "prostate cancer"),
        ["C34.9"] = ("keuhkosyöpä", "lung cancer"),
        ["C18.9"] = ("paksusuolisyöpä", "colon cancer"),
        ["J06.9"] = ("ylähengitystieinfektio", "upper respiratory infection"),
        ["J18.9"] = ("keuhkokuume", "pneumonia"),
        ["N39.0"] = ("virtsatieinfektio", "urinary tract infection"),
        ["R07.4"] = ("rintakipu", "chest pain"),
        ["R10.4"] = ("vatsakipu", "abdominal pain"),
        ["A09"] = ("gastroenteriitti", "gastroenteritis"),
        ["J20.9"] = ("akuutti keuhkoputkentulehdus", "acute bronchitis"),
        ["U07.1"] = ("COVID-19", "COVID-19"),
        ["H66.9"] = ("välikorvatulehdus", "otitis media"),
        ["M25.5"] = ("nivelkipu", "joint pain"),
        ["R51"] = ("päänsärky", "headache"),
        ["S72.0"] = ("reisiluun kaulan murtuma", "femoral neck fracture"),
        ["S52.5"] = ("rannemurtuma", "wrist fracture"),
        ["I63.9"] = ("aivoinfarkti", "ischaemic stroke"),
        ["I21.9"] = ("sydäninfarkti", "myocardial infarction"),
        ["K35.8"] = ("umpilisäkkeen tulehdus", "appendicitis"),
        ["K80.2"] = ("sappikivitauti", "gallstone disease"),
        ["L03.1"] = ("selluliitti", "cellulitis"),
        ["H26.9"] = ("kaihi", "cataract"),
        ["D50.9"] = ("raudanpuuteanemia", "iron deficiency anaemia"),
        ["N92.0"] = ("runsaat kuukautiset", "heavy menstrual bleeding"),
        ["O80"] = ("alatiesynnytys", "vaginal delivery"),
        ["O81.4"] = ("imukuppisynnytys", "vacuum delivery"),
        ["O82.0"] = ("suunniteltu keisarileikkaus", "elective caesarean section"),
        ["O82.1"] = ("kiireellinen keisarileikkaus", "emergency caesarean section"),
    };

    public static string Finnish(IcdCode code) => code.IsDiabetes ? "tyypin 2 diabetes" : Names.TryGetValue(code.Code, out var name) ? name.Finnish : code.Code;

    public static string English(IcdCode code) => code.IsDiabetes ? "type 2 diabetes" : Names.TryGetValue(code.Code, out var name) ? name.English : code.Code;
}
