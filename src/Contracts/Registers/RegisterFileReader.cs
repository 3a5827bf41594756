using Lake.Contracts.Files;
using System.Globalization;
using System.Text.RegularExpressions;
using Lake.Contracts.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Lake.Contracts.Registers;

/// <summary>
/// Reads a register file and checks it on its own: names Lake can use as folders and SQL
/// identifiers, columns that exist where they are referred to, types that fit their settings. Every
/// problem is reported at once, each with its line; whether a new version is an allowed change of
/// the one the lake holds is <see cref="RegisterEvolution"/>'s question.
/// </summary>
public static partial class RegisterFileReader
{
    /// <summary>Columns Lake adds itself: the pseudonym and key generation, the partition keys and the delivered study id and source.</summary>
    public static readonly IReadOnlySet<string> ReservedColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        RegisterDefinition.PseudonymColumn, RegisterDefinition.KeyIdColumn, "source", "year", "source_system", "study_id",
    };

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>A register file is a page of YAML; one larger than this is not one.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Reads and checks the file at <paramref name="path"/>.</summary>
    /// <exception cref="RegisterFileException">The file is missing, is not YAML, or has problems; the message lists them.</exception>
    public static RegisterDefinition ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new RegisterFileException($"Register file '{path}' does not exist.");
        try
        {
            return Read(RegularFile.ReadText(path, MaxBytes, "Register file"), path);
        }
        catch (RefusedPathException e)
        {
            throw new RegisterFileException(e.Message);
        }
    }

    /// <summary>Reads and checks register YAML; <paramref name="origin"/> names it in messages.</summary>
    /// <exception cref="RegisterFileException">The text is not YAML, or has problems; the message lists them.</exception>
    public static RegisterDefinition Read(string yaml, string origin)
    {
        var problems = Check(yaml, origin, out var definition);
        if (problems.Count > 0)
            throw new RegisterFileException($"{origin} is not a usable register file:\n  - " + string.Join("\n  - ", problems));
        return definition!;
    }

    /// <summary>Every problem of the text, each with its line; the definition when there are none.</summary>
    /// <exception cref="RegisterFileException">The text cannot be read as YAML at all (one line: file, line, column, what).</exception>
    public static IReadOnlyList<YamlProblem> Check(string yaml, string origin, out RegisterDefinition? definition)
    {
        RegisterFile file;
        try
        {
            file = Deserializer.Deserialize<RegisterFile?>(yaml)
                ?? throw new RegisterFileException($"{origin}: the file is empty.");
        }
        catch (YamlException e)
        {
            throw new RegisterFileException($"{origin}, line {e.Start.Line}, column {e.Start.Column}: {Innermost(e).Message}");
        }

        var messages = Validate(file).ToList();
        definition = messages.Count == 0 ? ToDefinition(file, origin) with { FileText = yaml } : null;
        var locator = YamlLocator.Parse(yaml);
        return messages.Select(locator.Locate).ToList();
    }

    private static IEnumerable<string> Validate(RegisterFile file)
    {
        if (!LakeName().IsMatch(file.Name))
            yield return $"name: '{file.Name}' must be lower case letters, digits and _, starting with a letter (it becomes a folder and a table name).";
        if (file.Version < 1)
            yield return "version: give the register a version, 1 for a new register; raise it by one with every change to the columns.";
        if (file.Kind is not ("patient_register" or "quality_registry"))
            yield return $"kind: '{file.Kind}' must be patient_register or quality_registry.";
        if (string.IsNullOrWhiteSpace(file.Title))
            yield return "title: give the register its title in the catalog's words.";
        if (string.IsNullOrWhiteSpace(file.Description))
            yield return "description: say what the register holds, in the catalog's words; researchers read it in the catalog.";
        if (file.Columns.Count == 0)
            yield return "columns: a register needs at least one column.";

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in file.Columns)
        {
            foreach (var problem in ValidateColumn(column, names))
                yield return problem;
        }

        var byName = file.Columns.Where(c => c.Name.Length > 0).GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var alias in file.Columns.SelectMany(c => c.Aliases.Select(a => (Column: c.Name, Alias: a))))
        {
            if (!LakeName().IsMatch(alias.Alias))
                yield return $"columns.{alias.Column}.aliases: '{alias.Alias}' is not a column name.";
            else if (byName.ContainsKey(alias.Alias) || !names.Add(alias.Alias))
                yield return $"columns.{alias.Column}.aliases: '{alias.Alias}' is already the name or alias of a column.";
        }

        foreach (var problem in ValidateDateColumn("event_column", file.EventColumn, byName))
            yield return problem;
        foreach (var problem in ValidateDateColumn("end_column", file.EndColumn, byName))
            yield return problem;
        if (file.EndColumn is not null && file.EventColumn is null)
            yield return "end_column: a period needs its start in event_column.";

        var unknownParts = file.Partitioning.Where(p => p is not ("source" or "year")).ToList();
        if (unknownParts.Count > 0 || !file.Partitioning.Contains("source"))
            yield return $"partitioning: must be [source] or [source, year], not [{string.Join(", ", file.Partitioning)}].";
        if (file.Partitioning.Contains("year") && file.EventColumn is null)
            yield return "partitioning: year needs an event_column to take the year from.";

        foreach (var key in file.EventKey.Where(k => !byName.ContainsKey(k)))
            yield return $"event_key: '{key}' is not a column of the register ({Columns(file)}).";
        foreach (var other in file.NeverCombinedWith.Where(o => !LakeName().IsMatch(o) || o == file.Name))
            yield return $"never_combined_with: '{other}' is not another register's name.";

        if (file.Measurement is { } measurement)
        {
            if (file.EventColumn is null)
                yield return "measurement: a register of measurements needs an event_column (usually the measurement's time) for criteria's periods and windows.";
            foreach (var problem in ValidateMeasurement(measurement, byName, file))
                yield return problem;
        }

        if (file.Kind == "quality_registry" && file.ApproximatePatients is null)
            yield return "approximate_patients: a quality registry states how many patients it holds, as the catalog does.";
        if (file.Sources.Count == 0)
            yield return "sources: name the systems that feed the register, with their years (the catalog shows them).";
        for (var i = 0; i < file.Sources.Count; i++)
        {
            var source = file.Sources[i];
            if (string.IsNullOrWhiteSpace(source.System))
                yield return $"sources.{i}: name the source system.";
            if (source.From is < 1900 or > 2100 || source.To < source.From)
                yield return $"sources.{i}: from {source.From} to {source.To} is not a plausible range of years.";
        }
    }

    private static IEnumerable<string> ValidateColumn(RegisterFile.ColumnSetting column, HashSet<string> names)
    {
        var at = $"columns.{(column.Name.Length > 0 ? column.Name : "?")}";
        if (!LakeName().IsMatch(column.Name))
        {
            yield return $"{at}: '{column.Name}' must be lower case letters, digits and _, starting with a letter.";
            yield break;
        }

        if (ReservedColumns.Contains(column.Name))
            yield return $"{at}: '{column.Name}' is a column Lake adds itself; choose another name.";
        if (!names.Add(column.Name))
            yield return $"{at}: the register has two columns named '{column.Name}'.";
        if (DecimalShape.LooksLikeDecimal(column.Type) && DecimalShape.Parse(column.Type) is null)
        {
            yield return $"{at}.type: '{column.Type}' must be decimal(p,s) with 1 to {DecimalShape.MaxPrecision} digits p in all and s of them after the point (s at most p), e.g. decimal(4,1).";
            yield break;
        }

        if (ParseType(column.Type) is not { } type)
        {
            yield return $"{at}.type: '{column.Type}' must be one of text, integer, bigint, double, decimal(p,s), date, timestamp.";
            yield break;
        }

        if (column.FreeText && type != ColumnType.Text)
            yield return $"{at}.free_text: only a text column holds free text.";
        if (column.Plausible is not null && type is not (ColumnType.Integer or ColumnType.BigInt or ColumnType.Double))
            yield return $"{at}.plausible: only number columns have a plausible range.";
        if (column.Plausible is { Min: { } min, Max: { } max } && min > max)
            yield return $"{at}.plausible: min {min.ToString(CultureInfo.InvariantCulture)} is above max {max.ToString(CultureInfo.InvariantCulture)}.";
        if (column.Deprecated && column.Required)
            yield return $"{at}: a deprecated column is no longer written, so it cannot be required.";
        if (string.IsNullOrWhiteSpace(column.Description))
            yield return $"{at}.description: say what the column means; the catalog and every delivery's README show it.";
    }

    private static IEnumerable<string> ValidateDateColumn(string setting, string? name, Dictionary<string, RegisterFile.ColumnSetting> byName)
    {
        if (name is null)
            yield break;
        if (!byName.TryGetValue(name, out var column))
            yield return $"{setting}: '{name}' is not a column of the register.";
        else if (ParseType(column.Type) is not (ColumnType.Date or ColumnType.Timestamp))
            yield return $"{setting}: '{name}' must be a date or timestamp column.";
    }

    private static IEnumerable<string> ValidateMeasurement(RegisterFile.MeasurementSetting measurement, Dictionary<string, RegisterFile.ColumnSetting> byName, RegisterFile file)
    {
        foreach (var (part, name, wanted) in new[]
        {
            ("code", measurement.Code, (ColumnType?)ColumnType.Text),
            ("value", measurement.Value, null),
            ("unit", measurement.Unit, ColumnType.Text),
            ("time", measurement.Time, null),
        })
        {
            if (name is null && part == "unit")
                continue;
            if (name is null || !byName.TryGetValue(name, out var column))
            {
                yield return $"measurement.{part}: '{name}' is not a column of the register ({Columns(file)}).";
                continue;
            }

            var type = ParseType(column.Type);
            if (wanted is not null && type != wanted)
                yield return $"measurement.{part}: '{name}' must be a text column.";
            if (part == "value" && type is not (ColumnType.Integer or ColumnType.BigInt or ColumnType.Double))
                yield return $"measurement.value: '{name}' must be a number column.";
            if (part == "time" && type is not (ColumnType.Date or ColumnType.Timestamp))
                yield return $"measurement.time: '{name}' must be a date or timestamp column.";
        }
    }

    private static RegisterDefinition ToDefinition(RegisterFile file, string origin) => new()
    {
        Name = file.Name,
        Version = file.Version,
        Kind = file.Kind == "quality_registry" ? RegisterKind.QualityRegistry : RegisterKind.PatientRegister,
        Title = file.Title.Trim(),
        Description = file.Description.Trim(),
        ApproximatePatients = file.ApproximatePatients,
        EventColumn = file.EventColumn,
        EndColumn = file.EndColumn,
        PartitionByYear = file.Partitioning.Contains("year"),
        EventKey = file.EventKey,
        NeverCombinedWith = file.NeverCombinedWith,
        Measurement = file.Measurement is { } m ? new MeasurementColumns(m.Code, m.Value, m.Unit, m.Time) : null,
        Columns = file.Columns.Select(c => new RegisterColumn(c.Name, ParseType(c.Type)!.Value, c.Required, c.Description.Trim())
        {
            Unit = c.Unit,
            Decimal = DecimalShape.Parse(c.Type),
            FreeText = c.FreeText,
            Aliases = c.Aliases,
            Deprecated = c.Deprecated,
            PlausibleMin = c.Plausible?.Min,
            PlausibleMax = c.Plausible?.Max,
        }).ToList(),
        Sources = file.Sources.Select(s => new SourceCoverage(s.System, s.From, s.To, s.Partial, s.Volume)).ToList(),
        Origin = origin,
    };

    /// <summary>A type by its name in register files (DuckDB's names); a decimal(p,s) is stored as a double (see <see cref="DecimalShape"/>).</summary>
    public static ColumnType? ParseType(string name) => name switch
    {
        _ when DecimalShape.Parse(name) is not null => ColumnType.Double,
        "text" => ColumnType.Text,
        "integer" => ColumnType.Integer,
        "bigint" => ColumnType.BigInt,
        "double" => ColumnType.Double,
        "date" => ColumnType.Date,
        "timestamp" => ColumnType.Timestamp,
        _ => null,
    };

    /// <summary>The name of a column's type in register files: its decimal(p,s) when it has one.</summary>
    public static string TypeName(RegisterColumn column) => column.Decimal?.TypeName ?? TypeName(column.Type);

    /// <summary>The name of a type in register files.</summary>
    public static string TypeName(ColumnType type) => type switch
    {
        ColumnType.Text => "text",
        ColumnType.Integer => "integer",
        ColumnType.BigInt => "bigint",
        ColumnType.Double => "double",
        ColumnType.Date => "date",
        ColumnType.Timestamp => "timestamp",
        _ => "pseudonym",
    };

    private static string Columns(RegisterFile file) => string.Join(", ", file.Columns.Select(c => c.Name));

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex LakeName();
}
