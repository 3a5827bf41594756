namespace Lake.Synthetic.Care;

/// <summary>
/// What each diagnosis of a visit brings on. Rough clinical figures: every hip fracture is operated
/// on, most myocardial infarctions come by ambulance and half of them have angioplasty, a third of
/// pneumonias are admitted.
/// </summary>
internal static class AcuteCourses
{
    private static readonly Dictionary<string, AcuteCourse> Courses = new(StringComparer.Ordinal)
    {
        ["J18.9"] = new() { Admission = 0.35, MinDays = 3, MaxDays = 8, Imaging = ImagingExams.Thorax, Ambulance = 0.25, Task = "702", IntensiveCare = 0.05, Ecg = 0.2, Drug = DrugCatalog.Amoxicillin },
        ["N39.0"] = new() { Admission = 0.08, MinDays = 2, MaxDays = 4, Drug = DrugCatalog.Nitrofurantoin },
        ["R07.4"] = new() { Admission = 0.3, MinDays = 1, MaxDays = 3, Imaging = ImagingExams.Thorax, Ambulance = 0.5, Task = "703", Ecg = 0.9 },
        ["R10.4"] = new() { Admission = 0.2, MinDays = 1, MaxDays = 3, Imaging = ImagingExams.AbdomenUs, ImagingChance = 0.6, Ambulance = 0.1, Task = "761" },
        ["A09"] = new() { Admission = 0.08, MinDays = 1, MaxDays = 3 },
        ["U07.1"] = new() { Admission = 0.3, MinDays = 4, MaxDays = 12, Imaging = ImagingExams.Thorax, Ambulance = 0.25, Task = "702", IntensiveCare = 0.15, Ecg = 0.2 },
        ["M25.5"] = new() { Imaging = ImagingExams.Knee, ImagingChance = 0.4, Drug = DrugCatalog.Ibuprofen },
        ["R51"] = new() { Admission = 0.05, Imaging = ImagingExams.HeadCt, ImagingChance = 0.25, Drug = DrugCatalog.Paracetamol },
        ["S72.0"] = new() { Admission = 1, MinDays = 5, MaxDays = 12, Surgery = Surgeries.HipScrews, SurgeryChance = 1, SurgeryDelayHours = (4, 36), Imaging = ImagingExams.Hip, Ambulance = 0.9, Task = "753", IntensiveCare = 0.03, Ecg = 0.5, Drug = DrugCatalog.Oxycodone },
        ["S52.5"] = new() { Admission = 0.2, MinDays = 1, MaxDays = 2, Surgery = Surgeries.WristPlate, SurgeryChance = 0.4, SurgeryDelayHours = (6, 72), Imaging = ImagingExams.Wrist, Ambulance = 0.1, Task = "753", Drug = DrugCatalog.Ibuprofen },
        ["I63.9"] = new() { Admission = 1, MinDays = 5, MaxDays = 14, Imaging = ImagingExams.HeadCt, Ambulance = 0.9, Task = "704", IntensiveCare = 0.1, Ecg = 1 },
        ["I21.9"] = new() { Admission = 1, MinDays = 3, MaxDays = 8, Procedure = "FNG05", Imaging = ImagingExams.Thorax, Ambulance = 0.9, Task = "703", IntensiveCare = 0.25, Ecg = 1 },
        ["K35.8"] = new() { Admission = 1, MinDays = 2, MaxDays = 4, Surgery = Surgeries.Appendectomy, SurgeryChance = 1, SurgeryDelayHours = (2, 20), Imaging = ImagingExams.AbdomenUs, Ambulance = 0.2, Task = "761" },
        ["K80.2"] = new() { Admission = 0.5, MinDays = 1, MaxDays = 3, Surgery = Surgeries.Cholecystectomy, SurgeryChance = 0.5, SurgeryDelayHours = (12, 60), Imaging = ImagingExams.AbdomenUs, Ambulance = 0.1, Task = "761" },
        ["L03.1"] = new() { Admission = 0.15, MinDays = 3, MaxDays = 6, Drug = DrugCatalog.Cefalexin },
        ["H26.9"] = new() { Surgery = Surgeries.Cataract, SurgeryChance = 0.8, SurgeryDelayHours = (24 * 30, 24 * 120) },
        ["I50.9"] = new() { Admission = 0.1, MinDays = 4, MaxDays = 10, Imaging = ImagingExams.Thorax, ImagingChance = 0.3, Ambulance = 0.3, Task = "702", Ecg = 0.5 },
        ["I48.9"] = new() { Ecg = 0.6 },
        ["I25.1"] = new() { Ecg = 0.3 },
        ["M17.1"] = new() { Imaging = ImagingExams.Knee, ImagingChance = 0.2, Surgery = Surgeries.KneeArthroplasty, SurgeryChance = 0.08, SurgeryDelayHours = (24 * 60, 24 * 200) },
        ["M54.5"] = new() { Imaging = ImagingExams.SpineMr, ImagingChance = 0.1 },
        ["C50.9"] = new() { Imaging = ImagingExams.Mammography, ImagingChance = 0.3 },
        ["C61"] = new() { Imaging = ImagingExams.BodyCt, ImagingChance = 0.3 },
        ["C34.9"] = new() { Imaging = ImagingExams.BodyCt, ImagingChance = 0.4 },
        ["C18.9"] = new() { Imaging = ImagingExams.BodyCt, ImagingChance = 0.4 },
    };

    public static AcuteCourse For(IcdCode code) => Courses.GetValueOrDefault(code.Code) ?? AcuteCourse.None;
}
