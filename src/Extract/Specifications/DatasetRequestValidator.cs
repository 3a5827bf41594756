using System.Globalization;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Extract.Scrubbing;

namespace Lake.Extract.Specifications;

/// <summary>
/// Checks a dataset's filters, search terms and specialties. Filter columns are checked against the
/// register catalog; values, terms and specialties only ever reach a query as parameters, so they
/// are bounded here rather than quoted.
/// </summary>
internal static class DatasetRequestValidator
{
    public const int MaxFilters = 20;
    public const int MaxValues = 1000;
    public const int MaxTerms = 200;
    public const int MaxLength = 200;

    public static IEnumerable<string> Validate(string path, DatasetRequest dataset, RegisterDefinition register)
    {
        if (dataset.Filters.Count > MaxFilters)
            yield return $"{path}.filters: {dataset.Filters.Count} filters; at most {MaxFilters}.";
        for (var j = 0; j < Math.Min(dataset.Filters.Count, MaxFilters); j++)
        {
            foreach (var problem in ValidateFilter($"{path}.filters[{j}]", dataset.Filters[j], register))
                yield return problem;
        }

        var isText = register.Name == RegisterNames.PatientRecordText;
        foreach (var problem in ValidateWords($"{path}.terms", dataset.Terms, isText, mustHaveLetterOrDigit: true))
            yield return problem;
        foreach (var problem in ValidateWords($"{path}.specialties", dataset.Specialties, isText, mustHaveLetterOrDigit: false))
            yield return problem;
    }

    private static IEnumerable<string> ValidateFilter(string path, DatasetFilter filter, RegisterDefinition register)
    {
        var column = register.Columns.FirstOrDefault(c => c.Name == filter.Column);
        if (column is null)
        {
            yield return $"{path}.column: '{SpecificationValidator.Shorten(filter.Column)}' is not a column of {register.Name} ({string.Join(", ", register.Columns.Select(c => c.Name))}).";
            yield break;
        }

        var hasRange = filter.Min is not null || filter.Max is not null;
        if (column.FreeText)
            yield return $"{path}.column: {column.Name} is free text; select texts with 'terms' instead.";
        else if (column.Type is ColumnType.Date or ColumnType.Timestamp)
            yield return $"{path}.column: {column.Name} is a date; limit dates with the dataset's 'from' and 'to'.";
        else if (filter.In.Count > 0 == hasRange)
            yield return $"{path}: give either 'in' (a list of values) or 'min'/'max' (a range), not {(hasRange ? "both" : "neither")}.";
        else if (hasRange && column.Type is not (ColumnType.Integer or ColumnType.BigInt or ColumnType.Double))
            yield return $"{path}: {column.Name} is text; 'min'/'max' apply to number columns, use 'in' for text.";
        else if (hasRange && filter.Min > filter.Max)
            yield return $"{path}: min {filter.Min.Value.ToString(CultureInfo.InvariantCulture)} is above max {filter.Max!.Value.ToString(CultureInfo.InvariantCulture)}.";
        else if (hasRange && (filter.Min is { } min && !double.IsFinite(min) || filter.Max is { } max && !double.IsFinite(max)))
            yield return $"{path}: min and max must be finite numbers.";
        else if (filter.In.Count > MaxValues)
            yield return $"{path}.in: {filter.In.Count} values; at most {MaxValues}.";
        else if (filter.In.FirstOrDefault(v => string.IsNullOrEmpty(v) || v.Length > MaxLength) is { } bad)
            yield return $"{path}.in: '{SpecificationValidator.Shorten(bad)}' must be 1 to {MaxLength} characters.";
        else if (column.Type is ColumnType.BigInt or ColumnType.Integer && filter.In.FirstOrDefault(v => !long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) is { } notInteger)
            yield return $"{path}.in: '{SpecificationValidator.Shorten(notInteger)}' is not an integer, and {column.Name} holds integers.";
        else if (column.Type == ColumnType.Double && filter.In.Count > 0)
            yield return $"{path}: {column.Name} holds decimal numbers, which rarely equal a listed value exactly; use 'min'/'max'.";
    }

    private static IEnumerable<string> ValidateWords(string path, IReadOnlyList<string> words, bool isText, bool mustHaveLetterOrDigit)
    {
        if (words.Count == 0)
            yield break;
        if (!isText)
        {
            yield return $"{path}: only {RegisterNames.PatientRecordText} can be limited this way; filter other registers with 'filters'.";
            yield break;
        }

        if (words.Count > MaxTerms)
            yield return $"{path}: {words.Count} entries; at most {MaxTerms}.";
        for (var k = 0; k < Math.Min(words.Count, MaxTerms); k++)
        {
            var word = words[k] ?? "";
            if (word.Trim().Length == 0 || word.Length > 100)
                yield return $"{path}[{k}]: '{SpecificationValidator.Shorten(word)}' must be 1 to 100 characters, not only spaces.";
            else if (mustHaveLetterOrDigit && !word.Any(char.IsLetterOrDigit))
                yield return $"{path}[{k}]: '{SpecificationValidator.Shorten(word)}' has no letter or digit to search for.";
        }
    }
}
