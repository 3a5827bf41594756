using System.Globalization;
using System.Text;
using Lake.Contracts.Extraction;
using Lake.Contracts.Files;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;

namespace Lake.Extract.Delivery;

/// <summary>
/// README.md of a delivery: what each file holds and what each column means, in words a
/// researcher opening the secure environment can use without asking the data service.
/// </summary>
public static class DeliveryReadme
{
    public const string FileName = "README.md";

    /// <summary>Larger than any README the assembler writes; a bigger file is not one of them and is not shown.</summary>
    private const int MaxBytes = 1024 * 1024;

    /// <summary>The README of the delivery in <paramref name="folder"/>, or null when there is none (gone with its permit, or written before READMEs were).</summary>
    public static string? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? RegularFile.ReadText(path, MaxBytes, "The delivery's README") : null;
    }

    internal static void Write(string folder, DeliveryManifest manifest, RegisterCatalog registers)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Delivery {manifest.RequestId}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Study {manifest.StudyId}, permit {manifest.PermitId}, requested by {manifest.RequestedBy}, delivered {manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Cohort: {manifest.CohortSize} patients. Dates: {Precision(manifest.Specification.Delivery)}.");
        text.AppendLine();
        if (manifest.TransferTo is { } target)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Bound for the secure environment `{target}` (a data transfer request): the data service moves this folder there by its own");
            text.AppendLine("audited procedure and checks every file against `manifest.json`; Lake has not copied it anywhere.");
            text.AppendLine();
        }

        text.AppendLine("Registers are delivered as separate files, joined only by `study_id`, the patient's pseudonym in this study,");
        text.AppendLine("written in every file as the same text: a UUID in lower case with hyphens (36 characters).");
        text.AppendLine("It cannot be linked to any other study or to the hospital's records. Where several source systems");
        text.AppendLine("recorded the same event, it is delivered once; `source_system` says which system's copy it is.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Time stamps are instants in UTC, converted from the hospital's local time ({DeliveredDates.HospitalTimeZone}) in which the");
        text.AppendLine("source systems record them: `TIMESTAMP WITH TIME ZONE` in DuckDB, timestamps adjusted to UTC in Parquet and Arrow, and");
        text.AppendLine("ISO 8601 with `Z` in the CSV files. Dates are calendar dates without a time zone.");
        text.AppendLine("`manifest.json` lists every file with its row count, columns, types and SHA-256; `access.json` lists who may open the delivery.");
        text.AppendLine(CultureInfo.InvariantCulture, $"`{DeliveryDataPackage.FileName}` is the same codebook for programs: a Frictionless Data Package with every file's columns, types,");
        text.AppendLine("descriptions, units, keys and checksum (read it with frictionless-py, the R package frictionless, or any JSON reader).");
        text.AppendLine();
        DescribeArrowFiles(text, manifest);
        foreach (var file in manifest.Files.GroupBy(f => f.Register))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"## {string.Join(", ", file.Select(f => f.Name))}");
            text.AppendLine();
            if (file.Key == "cohort")
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"One row per patient of the cohort ({file.First().Rows} rows).");
                text.AppendLine();
                text.AppendLine("| column | meaning |");
                text.AppendLine("| --- | --- |");
                text.AppendLine($"| study_id | {LakeColumnMeanings.StudyId} |");
                text.AppendLine($"| index_time | {LakeColumnMeanings.IndexTime} |");
                if (manifest.IdentityCodesReleased is { } released)
                    text.AppendLine(CultureInfo.InvariantCulture, $"| identity_code | The patient's identity code, released under the permit for the consented patients the request listed ({released} of the cohort); empty for the others. |");
                text.AppendLine();
                continue;
            }

            var register = registers.Get(file.Key);
            var dataset = manifest.Specification.Datasets.Single(d => d.Register == file.Key);
            text.AppendLine(CultureInfo.InvariantCulture, $"{register.Title}: {register.Description} {file.First().Rows} rows (register version {register.Version}).");
            text.AppendLine();
            text.AppendLine("| column | type | meaning |");
            text.AppendLine("| --- | --- | --- |");
            text.AppendLine($"| study_id | text | {LakeColumnMeanings.StudyId} |");
            foreach (var column in DeliveredColumns.Of(register, dataset, manifest.Specification.Delivery))
                text.AppendLine(CultureInfo.InvariantCulture, $"| {column.Name} | {RegisterFileReader.TypeName(column)} | {column.Description}{(column.Unit is null ? "" : $" Unit: {column.Unit}.")} |");
            text.AppendLine($"| source_system | text | {LakeColumnMeanings.SourceSystem} |");
            text.AppendLine();
            FreeTextReadme.DescribeSelection(text, dataset);
        }

        CsvReadme.Describe(text, manifest);
        FreeTextReadme.DescribeRedactions(text, manifest);
        Omop.OmopReadme.Describe(text, manifest);

        OwnerOnly.WriteAllText(Path.Combine(folder, FileName), text.ToString());
    }

    /// <summary>How to open the Arrow files, when the specification asked for them, named after one of this delivery's own.</summary>
    private static void DescribeArrowFiles(StringBuilder text, DeliveryManifest manifest)
    {
        var arrow = manifest.Files.Where(f => f.Name.EndsWith(ArrowDeliveryFile.Extension, StringComparison.Ordinal)).ToList();
        if (arrow.Count == 0)
            return;
        var example = (arrow.FirstOrDefault(f => f.Register != ExtractDataset.Cohort) ?? arrow[0]).Name;
        text.AppendLine("Each `.arrow` file is an Arrow IPC file (Feather version 2, compressed with zstd) with the same rows, columns");
        text.AppendLine(CultureInfo.InvariantCulture, $"and column types as the `.parquet` file beside it. Open it in R with `arrow::read_feather(\"{example}\")`,");
        text.AppendLine(CultureInfo.InvariantCulture, $"in Python with `pandas.read_feather(\"{example}\")` (needs pyarrow) or `polars.read_ipc(\"{example}\")`.");
        text.AppendLine("`study_id` is the same text there as in the Parquet and CSV files, so files join on it as they are.");
        text.AppendLine();
    }

    private static string Precision(DeliveryOptions delivery) => delivery.DatePrecision switch
    {
        "month" => "truncated to the first day of the month",
        "year" => "truncated to the first day of the year",
        "shift" => $"each patient's dates moved by one random number of days (at most {delivery.ShiftMaxDays} either way), so intervals are exact",
        _ => "exact",
    };
}
