using Lake.Pseudonymization;

namespace Lake.Synthetic.Care;

internal sealed partial class CareHistoryBuilder
{
    private static readonly Dictionary<string, string[]> FirstResponse = new(StringComparer.Ordinal)
    {
        ["703"] = ["12-kytkentäinen EKG", "i.v.-kanyyli", "Happihoito"],
        ["704"] = ["Verensokerin mittaus", "i.v.-kanyyli", "FAST-arvio"],
        ["702"] = ["Happihoito", "Saturaation seuranta", "Inhalaatiohoito"],
        ["753"] = ["Tukisidos ja lastoitus", "i.v.-kanyyli", "Kipulääkitys"],
        ["761"] = ["i.v.-kanyyli", "Nesteytys"],
    };

    private static readonly Dictionary<string, string> Medication = new(StringComparer.Ordinal)
    {
        ["703"] = "ASA 250 mg p.o., nitroglyseriini 0,25 mg s.l.",
        ["753"] = "Fentanyyli 50 µg i.v.",
        ["702"] = "Salbutamoli 5 mg inhal.",
        ["761"] = "Oksikodoni 5 mg i.v.",
    };

    private static readonly (string Site, string Hospital)[] Hospitals =
    [
        ("Meilahti", "Meilahden sairaala"), ("Jorvi", "Jorvin sairaala"), ("Peijas", "Peijaksen sairaala"), ("Töölö", "Töölön sairaala"),
        ("Haartman", "Haartmanin sairaala"), ("Malmi", "Malmin sairaala"), ("Hyvinkää", "Hyvinkään sairaala"), ("Lohja", "Lohjan sairaala"),
        ("Porvoo", "Porvoon sairaala"), ("lastensairaala", "Uusi lastensairaala"),
    ];

    /// <summary>
    /// The ambulance that brought the patient: Merlotmedi has calls from 2007 (partly until 2012) and
    /// first-response procedures and transports from 2008.
    /// </summary>
    private void RecordAmbulance(PersonCare person, Encounter encounter, string task)
    {
        var call = encounter.Time.AddMinutes(-random.Next(25, 70));
        if (!person.Fits(call) || call.Year < CareCalendar.MerlotmediCallsFrom || (call.Year <= 2012 && random.Chance(0.5)))
            return;

        var arrival = call.AddMinutes(random.Next(6, 21));
        var urgency = task is "703" or "704" ? random.Pick(['A', 'B']) : task == "753" ? 'B' : random.Pick(['B', 'C', 'D']);
        var male = person.Profile.Sex == Sex.Male;
        var narrative = $"Kohteessa {(int)person.AgeAt(call)}-vuotias {(male ? "mies" : "nainen")}, {random.Pick(["tajuinen ja orientoitunut", "hieman sekava", "kivulias"])}. " +
            $"Epäily: {ConditionNames.Finnish(encounter.Primary)}. Kuljetus päivystykseen.";
        _records.Calls.Add(new PrehospitalCallRecord(person.Index, call, task, urgency, arrival, Medication.GetValueOrDefault(task), narrative));
        if (arrival.Year < CareCalendar.MerlotmediCareFrom)
            return;

        var time = arrival;
        foreach (var procedure in FirstResponse.GetValueOrDefault(task) ?? ["Peruselintoimintojen tarkistus"])
        {
            time = time.AddMinutes(random.Next(2, 8));
            _records.PrehospitalCare.Add(new PrehospitalCareRecord(person.Index, time, procedure, null));
        }

        var hospital = Hospitals.FirstOrDefault(h => encounter.Department.Contains(h.Site, StringComparison.Ordinal)).Hospital ?? "Meilahden sairaala";
        _records.PrehospitalCare.Add(new PrehospitalCareRecord(person.Index, time.AddMinutes(random.Next(3, 10)), "Kuljetus", hospital));
    }

    /// <summary>
    /// A stay in the intensive care unit of the system in use at the time: charted vital signs every
    /// six hours for the first two days, ventilation for some, a daily SOFA score.
    /// </summary>
    private void RecordIntensiveCare(PersonCare person, Encounter encounter, DateTime discharge)
    {
        var start = encounter.Time.AddMinutes(random.Next(60, 240));
        var system = encounter.ForcedIcu ?? IcuSystems.Pick(start, person.AgeAt(start), random);
        if (system is null || !system.Covers(start) || discharge < start.AddHours(8))
            return;

        var end = start.AddHours(random.Next(18, 96));
        if (end > discharge.AddHours(-4))
            end = discharge.AddHours(-4);

        var items = _records.Icu[system];
        var fever = IsInfection(encounter.Primary);
        items.Add(new IcuRecord(person.Index, start, system.Ward, IcuItem.Stay, null, end));
        for (var time = start.AddMinutes(30); time < end && time < start.AddHours(48); time = time.AddHours(6))
        {
            items.Add(new IcuRecord(person.Index, time, system.Ward, IcuItem.HeartRate, Math.Round(random.Uniform(60, fever ? 125 : 105)), null));
            items.Add(new IcuRecord(person.Index, time, system.Ward, IcuItem.MeanArterialPressure, Math.Round(random.Uniform(62, 98)), null));
            items.Add(new IcuRecord(person.Index, time, system.Ward, IcuItem.OxygenSaturation, Math.Round(random.Uniform(fever ? 88 : 93, 100)), null));
            items.Add(new IcuRecord(person.Index, time, system.Ward, IcuItem.Temperature, Math.Round(fever ? random.Uniform(37.5, 39.5) : random.Uniform(36.2, 37.6), 1), null));
        }

        if (random.Chance(0.4))
        {
            var ventilationEnd = start.AddHours(random.Next(6, 72));
            items.Add(new IcuRecord(person.Index, start.AddMinutes(45), system.Ward, IcuItem.Ventilation, null, ventilationEnd < end ? ventilationEnd : end));
        }

        for (var day = start.Date.AddDays(1).AddHours(8); day < end; day = day.AddDays(1))
            items.Add(new IcuRecord(person.Index, day, system.Ward, IcuItem.Sofa, random.Next(1, 13), null));
    }

    /// <summary>A resting ECG in MUSE, from 2010; what it shows follows the diagnosis.</summary>
    private void RecordEcg(PersonCare person, DateTime time, IcdCode reason, string location)
    {
        if (!person.Fits(time) || time.Year < CareCalendar.MuseFrom)
            return;

        var (rate, interpretation) = reason.Code switch
        {
            "I48.9" => (random.Next(85, 140), "Eteisvärinä, nopea kammiovaste"),
            "I21.9" => (random.Next(70, 110), "ST-nousuja V1-V4, akuutti etuseinäinfarkti"),
            "I50.9" => (random.Next(70, 100), "Sinusrytmi, vasemman kammion hypertrofia"),
            "I25.1" => (random.Next(55, 80), "Sinusrytmi, vanhan alaseinäinfarktin merkit"),
            _ => (random.Next(55, 95), random.Pick(["Sinusrytmi, normaali EKG", "Sinusrytmi", "Sinusbradykardia"])),
        };
        var pr = reason.Code == "I48.9" ? 0 : random.Next(120, 200);
        var qrs = random.Next(80, reason.Code == "I50.9" ? 130 : 110);
        var qtc = random.Next(380, 460);
        _records.Ecgs.Add(new EcgRecord(person.Index, time, rate, pr, qrs, qtc, interpretation, location));
    }
}
