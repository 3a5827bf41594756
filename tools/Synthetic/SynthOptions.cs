using System.Collections.Frozen;

namespace Lake.Synthetic;

/// <summary>How large a synthetic lake to write, from which seed, how dirty, and which feeds.</summary>
public sealed record SynthOptions
{
    /// <summary>The three feeds of the walking skeleton: Uranus background, Apotti diagnoses, Multilab laboratory.</summary>
    public static IReadOnlySet<string> OriginalFeeds { get; } =
        FrozenSet.Create(StringComparer.Ordinal, "uranus_patient_background.csv", "apotti_diagnoses.csv", "multilab_laboratory.tsv");

    /// <summary>
    /// The size of the population, and with it of every feed: each feed's rows per patient-year
    /// follow the dataset catalog's yearly volumes (see <see cref="FeedGenerator"/>).
    /// </summary>
    public int Patients { get; init; } = 3000;

    /// <summary>Everything written derives from this one seed, so the same options give byte-identical files.</summary>
    public int Seed { get; init; } = 20240601;

    /// <summary>Defect rows per good data row, spread evenly over the defect kinds of each feed.</summary>
    public double DefectRate { get; init; } = 0.01;

    /// <summary>Defect rates of single feeds, by file name (e.g. "uranus_visits.csv"); others use <see cref="DefectRate"/>.</summary>
    public IReadOnlyDictionary<string, double>? DefectRates { get; init; }

    /// <summary>
    /// File names of the feeds to write; null writes every feed. The selection changes nothing in
    /// the feeds it keeps: each one's bytes are the same whatever else is written.
    /// </summary>
    public IReadOnlySet<string>? Feeds { get; init; }
}
