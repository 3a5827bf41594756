using System.Globalization;
using System.Text;
using Lake.Pseudonymization;

namespace Lake.Bench.Extraction;

/// <summary>
/// Writes the diagnosis and patient background feeds of the extraction benchmark in Apotti's export
/// format (UTF-8 CSV, ISO times; see sources/apotti-diagnosis.yaml). One person in a hundred has type 1
/// diabetes (E10) at least once, the cohort the benchmark asks for; nobody else ever gets an E10 code.
/// Deterministic for a seed.
/// </summary>
internal static class ApottiFeedWriter
{
    public const string CohortCode = "E10";

    private static readonly string[] OtherCodes =
    [
        "I10", "E11.9", "J45.9", "M54.5", "K21.9", "F32.9", "I25.1", "N39.0", "J06.9", "E78.0",
        "I48.9", "M17.1", "G43.9", "L40.0", "K58.9", "R07.4", "S52.5", "Z00.0", "C50.9", "H40.1",
    ];

    private static readonly string[] CohortCodes = ["E10.9", "E10.6", "E10.2", "E10.3"];
    private static readonly string[] Specialties = ["internal medicine", "endocrinology", "surgery", "general practice", "neurology", "cardiology"];
    private static readonly DateTime First = new(2020, 1, 1);
    private static readonly DateTime Last = new(2025, 11, 30);

    public static IReadOnlySet<int> CohortPersons(int persons, int seed)
    {
        var random = new Random(seed);
        var cohort = new HashSet<int>();
        while (cohort.Count < persons / 100)
            cohort.Add(random.Next(persons));
        return cohort;
    }

    public static void WriteDiagnoses(string path, IReadOnlyList<Hetu> persons, long rows, int seed)
    {
        var random = new Random(seed + 1);
        var cohort = CohortPersons(persons.Count, seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("patient_id,dx_code,dx_type,recorded_at,department,specialty\n");
        var cohortList = cohort.Order().ToArray();
        for (long i = 0; i < rows; i++)
        {
            // The first rows give every cohort person the code once; the rest are spread over everybody.
            var person = i < cohortList.Length ? cohortList[i] : random.Next(persons.Count);
            var code = i < cohortList.Length || (cohort.Contains(person) && random.Next(4) == 0)
                ? CohortCodes[random.Next(CohortCodes.Length)]
                : OtherCodes[random.Next(OtherCodes.Length)];
            var time = RecordedAt(random, persons[person].BirthDate);
            writer.Write(persons[person].Value);
            writer.Write(',');
            writer.Write(code);
            writer.Write(random.Next(3) == 0 ? ",primary," : ",secondary,");
            writer.Write(time.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            writer.Write(",unit ");
            writer.Write(random.Next(40).ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(Specialties[random.Next(Specialties.Length)]);
            writer.Write('\n');
        }
    }

    public static void WriteBackground(string path, IReadOnlyList<Hetu> persons, int seed)
    {
        var random = new Random(seed + 2);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("patient_id,sex,death_date,municipality,height_cm,weight_kg,updated_at\n");
        foreach (var person in persons)
        {
            writer.Write(person.Value);
            writer.Write(person.Sex == Sex.Female ? ",F,," : ",M,,");
            writer.Write(random.Next(2) == 0 ? "Helsinki," : "Espoo,");
            writer.Write((150 + random.Next(45)).ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write((50 + random.Next(60)).ToString(CultureInfo.InvariantCulture));
            writer.Write(",2021-06-01\n");
        }
    }

    /// <summary>A time in the diagnosis feed's years, never before the person was born.</summary>
    private static DateTime RecordedAt(Random random, DateOnly birth)
    {
        var first = birth.ToDateTime(TimeOnly.MinValue).AddDays(1);
        if (first < First)
            first = First;
        var span = (Last - first).TotalMinutes;
        return first.AddMinutes(Math.Floor(random.NextDouble() * span));
    }
}
