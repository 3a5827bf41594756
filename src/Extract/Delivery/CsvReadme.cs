using System.Globalization;
using System.Text;

namespace Lake.Extract.Delivery;

/// <summary>
/// The README's words on reading the CSV files with their declared types, in pandas and readr:
/// without them both guess, and a laboratory code such as 2095 becomes a number.
/// </summary>
internal static class CsvReadme
{
    public static void Describe(StringBuilder text, DeliveryManifest manifest)
    {
        var csv = manifest.Files.Where(f => f.Name.EndsWith(".csv", StringComparison.Ordinal) && f.Columns.Count > 0).ToList();
        if (csv.Count == 0)
            return;
        text.AppendLine("## Reading the CSV files");
        text.AppendLine();
        text.AppendLine("Every text column is quoted; an empty field is a missing value. `datapackage.json` gives every column's type");
        text.AppendLine("(Frictionless Table Schema). Read with the types, so codes stay text and times are UTC instants:");
        text.AppendLine();
        text.AppendLine("```python");
        text.AppendLine("import pandas as pd");
        foreach (var file in csv)
        {
            var dtypes = string.Join(", ", file.Columns.Where(c => c.PandasDtype is not null).Select(c => $"\"{c.Name}\": \"{c.PandasDtype}\""));
            var dates = file.Columns.Where(c => c.PandasDtype is null).Select(c => $"\"{c.Name}\"").ToList();
            var parse = dates.Count == 0 ? "" : $", parse_dates=[{string.Join(", ", dates)}]";
            text.AppendLine(CultureInfo.InvariantCulture, $"{Variable(file)} = pd.read_csv(\"{file.Name}\", dtype={{{dtypes}}}{parse}, keep_default_na=False, na_values=[\"\"])");
        }

        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("```r");
        foreach (var file in csv)
        {
            var types = string.Join(", ", file.Columns.Select(c => $"{c.Name} = \"{c.ReadrType}\""));
            text.AppendLine(CultureInfo.InvariantCulture, $"{Variable(file)} <- readr::read_csv(\"{file.Name}\", col_types = readr::cols({types}), na = \"\")");
        }

        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("pandas has no decimal dtype (`Float64` reads a DECIMAL column as a double), and readr reads `bigint` as a double.");
        text.AppendLine();
    }

    private static string Variable(DeliveredFile file) => Path.GetFileNameWithoutExtension(file.Name);
}
