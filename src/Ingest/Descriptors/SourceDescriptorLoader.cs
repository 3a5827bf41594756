using Lake.Contracts.Files;
using Lake.Contracts.Yaml;
using Lake.Contracts.Registers;
using Lake.Ingest.Fhir;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Lake.Ingest.Descriptors;

/// <summary>Reads source descriptors (YAML, or JSON, which YAML reads too) and checks them against the register schema.</summary>
public static partial class SourceDescriptorLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Reads a descriptor whose unknown settings were already listed, so the rest of it is checked too.</summary>
    private static readonly IDeserializer Lenient = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>A descriptor is a page of YAML; one larger than this is not one.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <param name="registers">The lake's registers; the shipped ones when null.</param>
    public static SourceDescriptor Load(string path, RegisterCatalog? registers = null)
    {
        var descriptor = Check(path, out var problems, registers);
        if (problems.Count > 0)
            throw new DescriptorException($"{path} is not a usable source descriptor:\n  - " + string.Join("\n  - ", problems));
        return descriptor;
    }

    /// <summary>
    /// Reads a descriptor and lists what is wrong with it, each problem with the line of its setting,
    /// without throwing for them; a file that cannot be read as YAML at all still throws.
    /// </summary>
    /// <param name="registers">The lake's registers; the shipped ones when null.</param>
    public static SourceDescriptor Check(string path, out IReadOnlyList<YamlProblem> problems, RegisterCatalog? registers = null)
    {
        if (!File.Exists(path))
            throw new DescriptorException($"Source descriptor '{path}' does not exist.");

        string text;
        try
        {
            text = RegularFile.ReadText(path, MaxBytes, "Source descriptor");
        }
        catch (RefusedPathException e)
        {
            throw new DescriptorException(e.Message);
        }

        // Every setting that is not one, each on its line, before the reader would stop at the first.
        var unknown = YamlSettings.UnknownKeys(text, typeof(SourceDescriptor), UnderscoredNamingConvention.Instance);
        SourceDescriptor descriptor;
        try
        {
            descriptor = (unknown.Count == 0 ? Deserializer : Lenient).Deserialize<SourceDescriptor>(text)
                ?? throw new DescriptorException($"{path}: the file is empty.");
        }
        catch (YamlException e)
        {
            throw new DescriptorException($"{path}, line {e.Start.Line}, column {e.Start.Column}: {Innermost(e).Message}");
        }

        descriptor.Origin = path;
        var messages = Validate(descriptor, registers).ToList();
        problems = messages.Count == 0 && unknown.Count == 0 ? [] : [.. unknown, .. messages.Select(YamlLocator.Parse(text).Locate)];
        return descriptor;
    }

    /// <summary>Every descriptor in a folder, in name order.</summary>
    /// <param name="registers">The lake's registers; the shipped ones when null.</param>
    public static IReadOnlyList<SourceDescriptor> LoadFolder(string folder, RegisterCatalog? registers = null) =>
        Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => Load(path, registers))
            .ToList();

    /// <param name="registers">The lake's registers; the shipped ones when null.</param>
    public static IEnumerable<string> Validate(SourceDescriptor descriptor, RegisterCatalog? registers = null)
    {
        registers ??= RegisterCatalog.Shipped;
        if (string.IsNullOrWhiteSpace(descriptor.System))
            yield return "system: name the source system, e.g. 'system: Apotti'.";
        else if (!SystemName().IsMatch(descriptor.System))
            yield return $"system: '{descriptor.System}' must be 1 to 80 letters, digits, spaces, '-', '_' or '.', starting with a letter or digit (it names folders and labels metrics).";
        if (!registers.TryGet(descriptor.Register, out var register))
        {
            yield return $"register: '{descriptor.Register}' is not a register of the lake ({registers.DidYouMean(descriptor.Register) ?? $"e.g. {string.Join(", ", registers.PatientRegisters.Take(4).Select(r => r.Name))}"}); 'lake registers' lists them, and a new one is added by a register file (docs/registers.md).";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(descriptor.Identity))
            yield return "identity: name the feed column that holds the identity code (HETU).";
        if (descriptor.Years.From is < 1900 or > 2100 || descriptor.Years.To < descriptor.Years.From)
            yield return $"years: from {descriptor.Years.From} to {descriptor.Years.To} is not a plausible range.";

        string? formatProblem = null;
        try
        {
            _ = descriptor.Format.DelimiterChar;
            _ = descriptor.Format.ResolveEncoding();
        }
        catch (DescriptorException e)
        {
            formatProblem = e.Message;
        }

        if (formatProblem is not null)
            yield return formatProblem;
        var format = descriptor.Format;
        if (format.Kind is not ("delimited" or "fixed_width" or "json_lines" or FhirFeeds.Kind))
            yield return $"format.kind: '{format.Kind}' must be delimited, fixed_width, json_lines or fhir_ndjson.";
        if (format.Kind == "delimited" && !format.Header)
            yield return "format.header: delimited feeds need a header row; columns are matched by the header's names.";
        if (format.Kind == "fixed_width" && format.Fields.Count == 0)
            yield return "format.fields: a fixed_width feed needs its fields: - { name: HETU, start: 1, length: 11 }.";
        foreach (var field in format.Fields.Where(f => format.Kind == "fixed_width" && (f.Start < 1 || f.Length < 1 || f.Name.Length == 0)))
            yield return $"format.fields: '{field.Name}' needs a name, a start of 1 or more and a length of 1 or more.";
        if (format.Compression is not ("auto" or "gzip" or "none"))
            yield return $"format.compression: '{format.Compression}' must be auto, gzip or none.";
        if (format.InvalidBytes is not (InvalidBytesModes.QuarantineRow or InvalidBytesModes.RejectFeed))
            yield return $"format.invalid_bytes: '{format.InvalidBytes}' must be {InvalidBytesModes.QuarantineRow} (quarantine the row, the default) or {InvalidBytesModes.RejectFeed} (refuse the whole feed at the first invalid byte).";
        foreach (var filter in descriptor.Exclude.Where(f => f.Column.Length == 0 || (f.EqualTo.Count == 0 && f.Contains.Count == 0 && f.OtherThan.Count == 0)))
            yield return $"exclude: each filter needs a column and 'equals', 'contains' or 'other_than' values (column '{filter.Column}').";
        foreach (var lookup in descriptor.Lookups.Where(l => l.Name.Length == 0 || l.File.Length == 0 || l.Key.Length == 0 || l.Match.Length == 0 || l.Columns.Count == 0))
            yield return $"lookups: '{lookup.Name}' needs a name, file, key, match and at least one column.";
        if (descriptor.Crosswalk is { } crosswalk && (crosswalk.File.Length == 0 || crosswalk.LocalId.Length == 0 || crosswalk.IdentityCode.Length == 0))
            yield return "crosswalk: name its file, its local_id column and its identity_code column.";
        foreach (var problem in ValidateFhir(descriptor))
            yield return problem;

        foreach (var (name, mapping) in descriptor.Columns)
        {
            var column = register.Columns.FirstOrDefault(c => c.Name == name);
            if (column is null)
            {
                yield return $"columns.{name}: register '{register.Name}' has no such column; its columns are {string.Join(", ", register.Columns.Select(c => c.Name))}. {SuggestColumn(register, name, mapping)}";
                continue;
            }

            if (column.Deprecated)
            {
                yield return $"columns.{name}: column '{name}' of register '{register.Name}' is deprecated: older batches keep it readable, but no feed may write it any more; map the value into the column that replaces it.";
                continue;
            }

            foreach (var problem in ValidateMapping(name, column, mapping))
                yield return problem;
        }

        foreach (var required in register.Columns.Where(c => c.Required && !descriptor.Columns.ContainsKey(c.Name)))
            yield return $"columns.{required.Name}: required by register '{register.Name}' but not mapped.";
    }

    /// <summary>A FHIR feed's resource type and paths, and where a Patient reference may stand in for the identity code.</summary>
    private static IEnumerable<string> ValidateFhir(SourceDescriptor descriptor)
    {
        var format = descriptor.Format;
        if (descriptor.IdentityKind is not (IdentityKinds.IdentityCode or IdentityKinds.PatientReference))
            yield return $"identity_kind: '{descriptor.IdentityKind}' must be identity_code or patient_reference.";
        if (!FhirFeeds.IsFhir(descriptor))
        {
            if (format.Resource is not null)
                yield return "format.resource: only a fhir_ndjson feed names a resource type.";
            if (descriptor.IdentityKind == IdentityKinds.PatientReference)
                yield return "identity_kind: a patient_reference is read only from a fhir_ndjson feed.";
            yield break;
        }

        if (format.Resource is null || format.Resource.Length == 0 || !char.IsAsciiLetterUpper(format.Resource[0]) || !format.Resource.All(char.IsAsciiLetter))
            yield return $"format.resource: a fhir_ndjson feed names the resource type it holds, e.g. 'resource: Condition' (not '{format.Resource}').";
        if (format.Encoding.ToLowerInvariant() is not ("utf-8" or "utf8"))
            yield return $"format.encoding: FHIR NDJSON is UTF-8, not {format.Encoding}.";
        if (descriptor.IdentityKind == IdentityKinds.PatientReference && format.Resource == FhirResources.Patient)
            yield return "identity_kind: a Patient is identified by its own identifier (identity_code), not by a reference to a Patient.";
        if (descriptor.IdentityKind == IdentityKinds.PatientReference && descriptor.Crosswalk is not null)
            yield return "crosswalk: a patient_reference is resolved through the Patient resources ingested before, not through a crosswalk.";

        var paths = new List<(string Setting, string Path)> { ("identity", descriptor.Identity) };
        paths.AddRange(descriptor.Columns.Where(c => c.Value.From is not null).Select(c => ($"columns.{c.Key}.from", c.Value.From!)));
        paths.AddRange(descriptor.Exclude.Select(f => ($"exclude.{f.Column}.column", f.Column)));
        paths.AddRange(descriptor.Lookups.Select(l => ($"lookups.{l.Name}.match", l.Match)));
        foreach (var (setting, path) in paths.Where(p => p.Path.Length > 0))
        {
            if (!FhirPath.TryParse(path, out _, out var problem))
                yield return $"{setting}: {problem}";
        }
    }

    private static IEnumerable<string> ValidateMapping(string name, RegisterColumn column, ColumnMapping mapping)
    {
        if (new[] { mapping.From, mapping.Identity, mapping.Value }.Count(v => v is not null) != 1)
            yield return $"columns.{name}: give exactly one of 'from' (a feed column), 'identity' (birth_date or sex) or 'value' (a constant).";
        if (mapping.Identity is not null and not ("birth_date" or "sex"))
            yield return $"columns.{name}.identity: '{mapping.Identity}' is not derivable from the identity code; use birth_date or sex.";
        if (mapping.Identity == "birth_date" && column.Type != ColumnType.Date)
            yield return $"columns.{name}.identity: birth_date is a date, but '{name}' is a {Describe(column.Type)} column.";
        if (mapping.Identity == "sex" && column.Type != ColumnType.Text)
            yield return $"columns.{name}.identity: sex is text, but '{name}' is a {Describe(column.Type)} column.";
        if (mapping.Map is not null && column.Type != ColumnType.Text)
            yield return $"columns.{name}.map: values can be mapped only onto text columns; '{name}' is a {Describe(column.Type)} column.";
        if (mapping.Normalize is not (null or "none") && column.Type != ColumnType.Text)
            yield return $"columns.{name}.normalize: codes are normalised only in text columns; '{name}' is a {Describe(column.Type)} column.";
        if (mapping.Format is not null && column.Type is not (ColumnType.Date or ColumnType.Timestamp))
            yield return $"columns.{name}.format: a date format applies only to date and timestamp columns; '{name}' is a {Describe(column.Type)} column.";
        if (mapping.WhenNotNumeric is not null && column.Type is not (ColumnType.Double or ColumnType.BigInt or ColumnType.Integer))
            yield return $"columns.{name}.when_not_numeric: applies only to number columns; '{name}' is a {Describe(column.Type)} column.";
        if (column.Type is ColumnType.Date or ColumnType.Timestamp && mapping.From is not null && string.IsNullOrEmpty(mapping.Format))
            yield return $"columns.{name}: a {column.Type.ToString().ToLowerInvariant()} column needs 'format', e.g. dd.MM.yyyy or yyyy-MM-ddTHH:mm:ss.";
        if (mapping.Decimal is not ("point" or "comma"))
            yield return $"columns.{name}.decimal: '{mapping.Decimal}' must be point or comma.";
        if (mapping.Normalize is not (null or "icd10" or "icd10cm" or "icd9" or "icd" or "upper" or "none"))
            yield return $"columns.{name}.normalize: '{mapping.Normalize}' must be icd10, icd10cm, icd9, icd, upper or none.";
        if (mapping.WhenNotNumeric is not (null or "null" or "quarantine"))
            yield return $"columns.{name}.when_not_numeric: '{mapping.WhenNotNumeric}' must be null or quarantine.";
        if (mapping.KeepIf is not (null or "not_numeric"))
            yield return $"columns.{name}.keep_if: '{mapping.KeepIf}' must be not_numeric.";
    }

    /// <summary>The register change that would give a mapped value a column: one entry in the register's file and a new version.</summary>
    private static string SuggestColumn(RegisterDefinition register, string name, ColumnMapping mapping)
    {
        var type = mapping.Format is not null ? (mapping.Format.Contains('H', StringComparison.Ordinal) ? "timestamp" : "date")
            : mapping.Decimal == "comma" || mapping.WhenNotNumeric is not null ? "double"
            : "text";
        var measurement = register.Measurement is { } m
            ? $" Or, as a measurement, feed its code into '{m.Code}' and its value into '{m.Value}'."
            : "";
        return $"To keep it, add the column to the register's file ({register.Origin ?? $"registers/{register.Name}.yaml"}) and raise its version to {register.Version + 1}: "
            + $"'- {{ name: {name}, type: {type}, description: ... }}' (older batches read it as null; 'lake registers diff' shows the change).{measurement}";
    }

    private static string Describe(ColumnType type) => RegisterFileReader.TypeName(type);

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    [System.Text.RegularExpressions.GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,79}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SystemName();
}
