using System.Text.Json;
using System.Text.Json.Nodes;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;

namespace Lake.Extract.Delivery;

/// <summary>
/// datapackage.json of a delivery: the README's codebook for programs, as a Frictionless Tabular
/// Data Package (v1). One resource per delivered file with its format, size and SHA-256, and a
/// Table Schema of its columns: type, the CSV's format where it is not the default, the register's
/// description and unit, the empty field as the missing value, the primary key where a dataset has
/// one, and every register's study pseudonym as a foreign key into the cohort file of its format.
/// </summary>
internal static class DeliveryDataPackage
{
    public const string FileName = "datapackage.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(string folder, DeliveryManifest manifest, RegisterCatalog registers)
    {
        var package = new JsonObject
        {
            ["profile"] = "tabular-data-package",
            ["name"] = $"delivery-{manifest.RequestId}",
            ["title"] = $"Delivery {manifest.RequestId} of study {manifest.StudyId}",
            ["created"] = manifest.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["resources"] = new JsonArray([.. manifest.Files.Where(f => f.Columns.Count > 0).Select(f => Resource(f, manifest, registers))]),
        };
        OwnerOnly.WriteAllText(Path.Combine(folder, FileName), package.ToJsonString(Indented) + "\n");
    }

    private static JsonObject Resource(DeliveredFile file, DeliveryManifest manifest, RegisterCatalog registers)
    {
        var format = Path.GetExtension(file.Name).TrimStart('.');
        var register = file.Register == ExtractDataset.Cohort ? null : registers.Get(file.Register);
        var dataset = manifest.Specification.Datasets.FirstOrDefault(d => d.Register == file.Register);
        var meanings = register is null || dataset is null
            ? new Dictionary<string, RegisterColumn>(StringComparer.Ordinal)
            : DeliveredColumns.Of(register, dataset, manifest.Specification.Delivery).ToDictionary(c => c.Name, StringComparer.Ordinal);
        var schema = new JsonObject
        {
            ["fields"] = new JsonArray([.. file.Columns.Select(c => Field(c, meanings.GetValueOrDefault(c.Name)))]),
            ["missingValues"] = new JsonArray(""),
        };
        if (PrimaryKey(register, file, manifest.Specification.Delivery) is { } key)
            schema["primaryKey"] = new JsonArray([.. key.Select(k => (JsonNode)k)]);
        if (register is not null)
        {
            schema["foreignKeys"] = new JsonArray(new JsonObject
            {
                ["fields"] = new JsonArray(DatasetTask.StudyPseudonymColumn),
                ["reference"] = new JsonObject
                {
                    ["resource"] = ResourceName(ExtractDataset.Cohort, format),
                    ["fields"] = new JsonArray(DatasetTask.StudyPseudonymColumn),
                },
            });
        }

        var resource = new JsonObject
        {
            ["profile"] = "tabular-data-resource",
            ["name"] = ResourceName(file.Register, format),
            ["path"] = file.Name,
            ["title"] = register?.Title ?? "Cohort",
            ["description"] = register?.Description ?? "One row per patient of the cohort.",
            ["format"] = format,
            ["mediatype"] = format switch
            {
                "csv" => "text/csv",
                "parquet" => "application/vnd.apache.parquet",
                _ => "application/vnd.apache.arrow.file",
            },
            ["bytes"] = file.Bytes,
            ["hash"] = "sha256:" + file.Sha256,
            ["schema"] = schema,
        };
        if (format == "csv")
        {
            resource["encoding"] = "utf-8";
            resource["dialect"] = new JsonObject { ["delimiter"] = ",", ["header"] = true, ["quoteChar"] = "\"", ["doubleQuote"] = true };
        }

        return resource;
    }

    private static JsonObject Field(DeliveredColumn column, RegisterColumn? meaning)
    {
        var field = new JsonObject { ["name"] = column.Name, ["type"] = column.TableSchemaType };
        if (column.TableSchemaFormat is { } format)
            field["format"] = format;
        field["description"] = meaning?.Description ?? column.Name switch
        {
            DatasetTask.StudyPseudonymColumn => LakeColumnMeanings.StudyId,
            "index_time" => LakeColumnMeanings.IndexTime,
            "source_system" => LakeColumnMeanings.SourceSystem,
            IdentityCodeRelease.Column => LakeColumnMeanings.IdentityCode,
            _ => "",
        };
        if (meaning?.Unit is { } unit)
            field["unit"] = unit;
        if (column.Decimal is { } digits)
        {
            // Table Schema has no decimal type; the digits say what the Parquet and Arrow files hold.
            field["precision"] = digits.Precision;
            field["scale"] = digits.Scale;
        }

        return field;
    }

    /// <summary>
    /// What identifies a row: the study pseudonym in the cohort file and in a register without an
    /// event key (one row per patient), and with the event key where every key column is required,
    /// delivered, and not truncated to a month or year (two events could then share a key).
    /// </summary>
    private static IReadOnlyList<string>? PrimaryKey(RegisterDefinition? register, DeliveredFile file, DeliveryOptions delivery)
    {
        if (register is null || register.EventKey.Count == 0)
            return [DatasetTask.StudyPseudonymColumn];
        var delivered = file.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var keys = register.EventKey.Select(k => register.FindColumn(k)!).ToList();
        var truncated = delivery.DatePrecision is "month" or "year";
        return keys.All(k => k.Required && delivered.Contains(k.Name) && !(truncated && k.IsDate))
            ? [DatasetTask.StudyPseudonymColumn, .. keys.Select(k => k.Name)]
            : null;
    }

    /// <summary>A Frictionless resource name (lower case, digits, <c>-._/</c>): the dataset and its format.</summary>
    private static string ResourceName(string dataset, string format) => $"{dataset.Replace('_', '-')}-{format}";
}
