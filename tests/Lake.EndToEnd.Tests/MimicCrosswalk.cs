using System.Globalization;
using System.IO.Compression;
using Lake.Pseudonymization;
using nietras.SeparatedValues;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// The crosswalk the MIMIC-IV demo lacks: for each subject_id a synthetic identity code true to the
/// patient's age and sex, and the days that move the publisher's shifted dates back to real years.
/// Tests make it in a temporary folder beside copies of the feeds; it never enters the repository.
/// </summary>
internal sealed class MimicCrosswalk
{
    public const string FileName = "subject-crosswalk.csv";

    private readonly Dictionary<string, (Hetu Hetu, int ShiftDays)> _subjects;

    private MimicCrosswalk(Dictionary<string, (Hetu, int)> subjects) => _subjects = subjects;

    public IEnumerable<Hetu> IdentityCodes => _subjects.Values.Select(s => s.Hetu);

    /// <summary>Reads hosp/patients.csv.gz: subject_id, gender, anchor_age, anchor_year, anchor_year_group.</summary>
    public static MimicCrosswalk FromPatients(string patientsPath)
    {
        var patients = new List<(string SubjectId, bool Male, int AnchorAge, int AnchorYear, int RealYear)>();
        using (var reader = Sep.New(',').Reader(o => o with { Unescape = true }).From(new GZipStream(File.OpenRead(patientsPath), CompressionMode.Decompress)))
        {
            foreach (var row in reader)
            {
                patients.Add((
                    row["subject_id"].ToString(),
                    row["gender"].ToString() == "M",
                    row["anchor_age"].Parse<int>(),
                    row["anchor_year"].Parse<int>(),
                    // "2014 - 2016": the real three-year window of the shifted anchor_year; its start is
                    // the best single year the publisher lets anyone know.
                    int.Parse(row["anchor_year_group"].Span[..4], CultureInfo.InvariantCulture)));
            }
        }

        var subjects = new Dictionary<string, (Hetu, int)>(StringComparer.Ordinal);
        var ordinal = 0;
        foreach (var p in patients.OrderBy(p => p.SubjectId, StringComparer.Ordinal))
        {
            // anchor_age is the age in anchor_year; the day in the year only needs to be stable.
            var birthYear = p.RealYear - p.AnchorAge;
            var birthDate = new DateOnly(birthYear, 1, 1).AddDays(int.Parse(p.SubjectId, CultureInfo.InvariantCulture) % (DateTime.IsLeapYear(birthYear) ? 366 : 365));
            // Odd individual numbers are men's, even women's; counting per subject keeps every code
            // distinct even when two subjects share a birth date, and stays clear of temporary 900-999.
            var individualNumber = 2 + (2 * ordinal++) + (p.Male ? 1 : 0);
            var shiftDays = new DateOnly(p.RealYear, 1, 1).DayNumber - new DateOnly(p.AnchorYear, 1, 1).DayNumber;
            subjects.Add(p.SubjectId, (Hetu.Create(birthDate, individualNumber), shiftDays));
        }

        return new MimicCrosswalk(subjects);
    }

    public int ShiftDaysOf(string subjectId) => _subjects[subjectId].ShiftDays;

    public Hetu IdentityCodeOf(string subjectId) => _subjects[subjectId].Hetu;

    /// <summary>Writes the columns the descriptors' crosswalk settings name: subject_id, hetu, shift_days.</summary>
    public void Write(string path)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("subject_id,hetu,shift_days");
        foreach (var (subjectId, (hetu, shiftDays)) in _subjects)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{subjectId},{hetu.Value},{shiftDays}"));
    }
}
