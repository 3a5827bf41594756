using Lake.Synthetic.Care;

namespace Lake.Synthetic.Feeds;

/// <summary>Every feed beyond the walking skeleton's three, in the order they are written and listed in the truth.</summary>
internal static class BroadFeeds
{
    public static IEnumerable<ITabularFeed> All(IReadOnlyList<PersonProfile> people, CareRecords care, IReadOnlyDictionary<string, List<RegistryRecord>> registries)
    {
        yield return UranusFeeds.Referrals(people, care.UranusReferrals);
        yield return UranusFeeds.Diagnoses(people, care.UranusDiagnoses);
        yield return UranusFeeds.Visits(people, care.UranusVisits);
        yield return UranusFeeds.InpatientPeriods(people, care.UranusInpatient);
        yield return UranusFeeds.Texts(people, care.UranusTexts);
        yield return UranusFeeds.Procedures(people, care.UranusProcedures);
        yield return UranusFeeds.Medications(people, care.UranusMedications);
        yield return UranusFeeds.Measurements(people, care.UranusMeasurements);

        yield return ApottiFeeds.Patients(people, care.ApottiPatients);
        yield return ApottiFeeds.Referrals(people, care.ApottiReferrals);
        yield return ApottiFeeds.Visits(people, care.ApottiVisits);
        yield return ApottiFeeds.InpatientPeriods(people, care.ApottiInpatient);
        yield return ApottiFeeds.Notes(people, care.ApottiNotes);
        yield return ApottiFeeds.Procedures(people, care.ApottiProcedures);
        yield return ApottiFeeds.Medications(people, care.ApottiMedications);
        yield return ApottiFeeds.Flowsheets(people, care.ApottiFlowsheets);
        yield return ApottiFeeds.Imaging(people, care.ApottiImaging);

        yield return SpecialtyFeeds.MuseEcg(people, care.Ecgs);
        yield return SpecialtyFeeds.QpatiPathology(people, care.Pathology);
        yield return SpecialtyFeeds.OperaOperations(people, care.OperaOperations);
        yield return SpecialtyFeeds.KemokurCourses(people, care.KemokurCourses);
        yield return SpecialtyFeeds.MarelaOrders(people, care.MarelaOrders);
        foreach (var system in IcuSystems.All)
            yield return EmergencyFeeds.IntensiveCare(people, system, care.Icu[system]);
        yield return EmergencyFeeds.Calls(people, care.Calls);
        yield return EmergencyFeeds.Care(people, care.PrehospitalCare);
        yield return SpecialtyFeeds.MustiraduExams(people, care.MustiraduExams);
        yield return SpecialtyFeeds.HusRaduExams(people, care.HusRaduExams);
        yield return SpecialtyFeeds.ObstetrixBirths(people, care.Births);

        foreach (var (registry, records) in registries)
            yield return QualityRegistryFeeds.Registry(people, registry, records);
    }
}
