using Lake.Pseudonymization;

namespace Lake.Synthetic;

/// <summary>
/// Draws the synthetic population: identity codes, demographics and the chronic conditions
/// that later drive the diagnosis and laboratory feeds.
/// </summary>
internal sealed class PopulationBuilder(Random random)
{
    /// <summary>Share of the population with type 2 diabetes recorded in Apotti.</summary>
    public const double DiabetesShare = 0.07;

    private static readonly DateOnly DeathsFrom = new(2012, 1, 1);

    /// <summary>Chronic conditions are drawn for the age a person has in the middle of the Apotti years.</summary>
    private static readonly DateOnly ConditionReferenceDay = new(2023, 1, 1);

    // Hospital patients skew old; the weights are per birth decade 1930s..2010s (2010-2015 only).
    private static readonly WeightedTable<int> BirthDecades = new(
        [(1930, 7), (1940, 14), (1950, 17), (1960, 15), (1970, 13), (1980, 12), (1990, 10), (2000, 7), (2010, 5)]);

    // Non-ASCII names are over-represented on purpose: they are what breaks a Latin-1 reader.
    private static readonly WeightedTable<string> Municipalities = new(
    [
        ("Helsinki", 28), ("Espoo", 15), ("Vantaa", 12), ("Järvenpää", 5), ("Hyvinkää", 5), ("Mäntsälä", 4),
        ("Kerava", 3), ("Porvoo", 4), ("Lohja", 3), ("Kirkkonummi", 3), ("Tuusula", 3), ("Nurmijärvi", 3),
        ("Sipoo", 2), ("Raasepori", 2), ("Kauniainen", 1), ("Pornainen", 1), ("Hämeenlinna", 4),
    ]);

    private static readonly char[] NewCenturySigns1900s = ['Y', 'X', 'W', 'V', 'U'];
    private static readonly char[] NewCenturySigns2000s = ['B', 'C', 'D', 'E', 'F'];

    // Birth date and individual number together identify a person whatever the century sign.
    private readonly HashSet<long> _usedCodes = [];

    public List<PersonProfile> Build(int count)
    {
        var people = new List<PersonProfile>(count);
        for (var i = 0; i < count; i++)
        {
            var person = CreatePerson();
            DrawChronicConditions(person);
            people.Add(person);
        }

        SelectDiabetics(people);
        return people;
    }

    /// <summary>A person outside the population, for background rows that are broken on purpose.</summary>
    public PersonProfile CreatePerson()
    {
        var birth = DrawBirthDate();
        var hetu = DrawHetu(birth);
        var deathDate = DrawDeathDate(birth);
        var updated = DrawUpdated(birth, deathDate);
        var (height, weight) = random.Chance(0.4) ? DrawBody(hetu.Sex, SyntheticCalendar.AgeInYears(birth, updated)) : (null, null);
        return new PersonProfile
        {
            Hetu = hetu,
            BirthDate = birth,
            Sex = hetu.Sex,
            DeathDate = deathDate,
            Municipality = Municipalities.Pick(random),
            Updated = updated,
            HeightCm = height,
            WeightKg = weight,
        };
    }

    private DateOnly DrawBirthDate()
    {
        var decade = BirthDecades.Pick(random);
        var last = decade == 2010 ? SyntheticCalendar.LastBirth : new DateOnly(decade + 9, 12, 31);
        return SyntheticCalendar.Between(random, new DateOnly(decade, 1, 1), last);
    }

    private Hetu DrawHetu(DateOnly birth)
    {
        // About 1% carry a temporary code (900-999), as patients registered before their real code was known.
        var temporary = random.Chance(0.01);
        int number;
        do
        {
            number = temporary ? random.Next(900, 1000) : random.Next(2, 900);
        }
        while (!_usedCodes.Add(((long)birth.DayNumber * 1000) + number));

        // Since 2023 new codes may use the extra century signs; a few keep validators honest.
        char? sign = null;
        if (random.Chance(0.005))
            sign = birth.Year < 2000 ? random.Pick(NewCenturySigns1900s) : random.Pick(NewCenturySigns2000s);

        return Hetu.Create(birth, number, sign);
    }

    private DateOnly? DrawDeathDate(DateOnly birth)
    {
        // Calibrated so that about 6% of the population has died.
        var probability = birth.Year switch
        {
            < 1940 => 0.34,
            < 1950 => 0.12,
            < 1960 => 0.06,
            < 1970 => 0.03,
            < 2000 => 0.01,
            _ => 0.003,
        };
        if (!random.Chance(probability))
            return null;

        var first = birth.AddDays(30) > DeathsFrom ? birth.AddDays(30) : DeathsFrom;
        return SyntheticCalendar.Between(random, first, SyntheticCalendar.Today);
    }

    private DateOnly DrawUpdated(DateOnly birth, DateOnly? deathDate)
    {
        var last = SyntheticCalendar.UranusUpdatedTo;

        // A death known to Uranus was the row's last update.
        if (deathDate is { } death && death <= last)
            return SyntheticCalendar.Between(random, death, death.AddDays(60) < last ? death.AddDays(60) : last);

        var first = birth > SyntheticCalendar.UranusUpdatedFrom ? birth : SyntheticCalendar.UranusUpdatedFrom;
        return SyntheticCalendar.Between(random, first, last);
    }

    private (double? Height, double? Weight) DrawBody(Sex sex, double age)
    {
        var adultHeight = sex == Sex.Male ? random.Normal(179, 6.5) : random.Normal(165.5, 6);
        adultHeight = Math.Clamp(adultHeight, 150, 205);
        double height;
        double bmi;
        if (age >= 18)
        {
            height = adultHeight;
            bmi = Math.Clamp(random.Normal(26.5, 4), 17, 45);
        }
        else
        {
            // A rough growth curve: plausible heights and weights are all a good row needs.
            height = age < 1 ? 50 + (25 * age) : age < 12 ? 75 + (6.2 * (age - 1)) : 143 + ((adultHeight - 143) * (age - 12) / 6);
            height *= Math.Clamp(random.Normal(1, 0.03), 0.92, 1.08);
            bmi = Math.Clamp(random.Normal(16 + (0.3 * age), 1.5), 12, 30);
        }

        var weight = bmi * (height / 100) * (height / 100);
        return (Math.Round(height, 1), Math.Round(weight, 1));
    }

    private void DrawChronicConditions(PersonProfile person)
    {
        var age = person.AgeAt(ConditionReferenceDay);
        foreach (var code in IcdCatalog.Chronic)
        {
            if (code.Fits(age, person.Sex, ConditionReferenceDay.Year) && random.Chance(code.PrevalenceAt(age)))
                person.Chronic.Add(code);
        }

        person.HasChronicKidneyDisease = person.Chronic.Exists(c => c.Code == "N18.3");
    }

    /// <summary>
    /// Picks exactly <see cref="DiabetesShare"/> of the population, weighted towards the old, among
    /// adults alive long enough in the Apotti years that a diagnosis and its follow-up both fit.
    /// </summary>
    private void SelectDiabetics(List<PersonProfile> people)
    {
        var target = (int)Math.Round(DiabetesShare * people.Count, MidpointRounding.AwayFromZero);
        var candidates = new List<(double Key, int Index)>();
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            var first = person.FirstEventDay > SyntheticCalendar.ApottiStart ? person.FirstEventDay : SyntheticCalendar.ApottiStart;
            var age = person.AgeAt(ConditionReferenceDay);
            if (person.AgeAt(SyntheticCalendar.ApottiStart) < 25 || person.LastEventDay.DayNumber - first.DayNumber < DiagnosisEventGenerator.MinimumDiabetesWindowDays)
                continue;

            var weight = age switch
            {
                < 40 => 0.3,
                < 55 => 1.0,
                < 70 => 2.5,
                _ => 3.5,
            };

            // Efraimidis-Spirakis: the largest u^(1/w) keys are a weighted sample without replacement.
            candidates.Add((Math.Pow(random.NextDouble(), 1 / weight), i));
        }

        candidates.Sort((a, b) => b.Key != a.Key ? b.Key.CompareTo(a.Key) : a.Index.CompareTo(b.Index));
        foreach (var (_, index) in candidates.Take(target))
            people[index].Diabetes = IcdCatalog.Diabetes.Pick(random);
    }
}
