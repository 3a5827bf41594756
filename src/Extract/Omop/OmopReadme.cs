using System.Globalization;
using System.Text;
using Lake.Extract.Delivery;

namespace Lake.Extract.Omop;

/// <summary>The delivery README's account of the omop/ folder: what it is, how persons are numbered, and how much of each table the vocabulary mapped.</summary>
internal static class OmopReadme
{
    public static void Describe(StringBuilder text, DeliveryManifest manifest)
    {
        if (manifest.Omop is not { } omop)
            return;
        text.AppendLine(CultureInfo.InvariantCulture, $"## {OmopDelivery.Folder}/");
        text.AppendLine();
        text.AppendLine("The same data as the OMOP Common Data Model 5.4, one Parquet file per table (a CSV beside each when CSV was asked for),");
        text.AppendLine("with the columns, order and types of OHDSI's DDL: insert each into tables created by that DDL, or point OHDSI's tools at them.");
        text.AppendLine("`person_id` numbers the patients in the order of their `study_id`; `person_source_value` is the `study_id`, which joins");
        text.AppendLine(CultureInfo.InvariantCulture, $"OMOP to the other files. Codes were mapped through the data service's vocabulary (release {omop.VocabularyVersion});");
        text.AppendLine("a code the vocabulary does not map has concept 0, and every row keeps its original code in `*_source_value`.");
        if (omop.MembersWithoutBirthDate > 0)
            text.AppendLine(CultureInfo.InvariantCulture, $"{omop.MembersWithoutBirthDate} patients of the cohort have no birth date in the delivered background and are not in the OMOP tables.");
        text.AppendLine();
        text.AppendLine("| table | rows | rows with a standard concept |");
        text.AppendLine("| --- | ---: | ---: |");
        foreach (var (table, count) in omop.Tables)
        {
            var mapped = count.Mapped is not { } m ? "" : count.Rows == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{m} ({100.0 * m / count.Rows:0.#}%)");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {table} | {count.Rows} | {mapped} |");
        }

        text.AppendLine();
    }
}
