using Lake.Contracts.Registers;
using Lake.Ingest.Descriptors;
using Lake.Pseudonymization;
using Lake.Ingest.Reading;

namespace Lake.Ingest.Mapping;

/// <summary>
/// Maps feed rows onto a register's columns as a descriptor says: resolved once against the feed's
/// header, then applied to every row without looking anything up by name.
/// </summary>
internal sealed class RowMapper
{
    private readonly SourceDescriptor _descriptor;
    private readonly int _eventColumn;
    private readonly int _columnCount;
    private readonly int _codeSystemColumn;
    private readonly int[] _order;
    private readonly NumberMemo[] _sharedNumbers;

    public RowMapper(SourceDescriptor descriptor, RegisterDefinition register, IReadOnlyList<string> header)
    {
        _descriptor = descriptor;
        Register = register;
        FeedColumnCount = header.Count;
        _columnCount = header.Count;
        IdentityIndex = IndexOf(header, descriptor.Identity, "identity");
        Converters = register.Columns
            .Select(column => descriptor.Columns.TryGetValue(column.Name, out var mapping)
                ? new FieldConverter(column, mapping, mapping.From is null ? -1 : IndexOf(header, mapping.From, $"columns.{column.Name}.from"), descriptor.Format.NullValues)
                : null)
            .ToArray();
        _eventColumn = register.EventColumn is null ? -1 : register.Columns.ToList().FindIndex(c => c.Name == register.EventColumn);
        _codeSystemColumn = register.Columns.ToList().FindIndex(c => c.Name == "code_system");
        // Codes normalised by the row's code system convert after every other column.
        _order = Enumerable.Range(0, Converters.Length).OrderBy(i => Converters[i]?.NeedsCodeSystem == true ? 1 : 0).ToArray();
        _sharedNumbers = ShareNumberParses(Converters);
        Filters = descriptor.Exclude.Select(f => (f, IndexOf(header, f.Column, $"exclude[].column"))).ToList();
    }

    /// <summary>Row filters with the feed column each one reads.</summary>
    public IReadOnlyList<(RowFilter Filter, int Index)> Filters { get; }

    /// <summary>Index in the register's columns of the event column, or -1.</summary>
    public int EventColumnIndex => _eventColumn;

    /// <summary>The reason of the first filter that excludes the row, or null to keep it.</summary>
    public string? ExclusionOf(FeedRecord row)
    {
        foreach (var (filter, index) in Filters)
        {
            if (filter.Excludes(row[index]))
                return filter.Reason.Length > 0 ? filter.Reason : $"excluded by {filter.Column}";
        }

        return null;
    }

    public RegisterDefinition Register { get; }

    /// <summary>Fields a row of the feed itself has; lookup columns come after them.</summary>
    public int FeedColumnCount { get; init; }

    /// <summary>Columns borrowed from lookups, appended to each complete row.</summary>
    public int LookupColumnCount => _columnCount - FeedColumnCount;

    public int IdentityIndex { get; }

    /// <summary>One per register column, in register order; null where the descriptor leaves the column empty.</summary>
    public FieldConverter?[] Converters { get; }

    /// <summary>
    /// Converts the fields into <paramref name="values"/> and returns the event year, or a rejection.
    /// Dates from the feed move by <paramref name="shiftDays"/>; the birth date from the identity code does not.
    /// </summary>
    public Rejection? Map(FeedRecord row, Hetu hetu, FieldValue[] values, int shiftDays, out int? year)
    {
        year = null;
        foreach (var shared in _sharedNumbers)
            shared.Forget();
        foreach (var i in _order)
        {
            var converter = Converters[i];
            if (converter is null)
            {
                values[i] = FieldValue.Null;
                continue;
            }

            if (converter.NeedsCodeSystem)
                converter.RowCodeSystem = _codeSystemColumn >= 0 ? values[_codeSystemColumn].Text : null;
            var text = converter.SourceIndex < 0 ? ReadOnlySpan<char>.Empty : row[converter.SourceIndex];
            var rejection = converter.Convert(text, hetu, out values[i]);
            if (rejection is not null)
                return rejection;
            if (shiftDays != 0 && values[i].HasValue && converter.Column.Type is ColumnType.Date or ColumnType.Timestamp && converter.SourceIndex >= 0)
                values[i] = FieldValue.OfTime(values[i].Time.AddDays(shiftDays));
        }

        if (_eventColumn < 0)
            return null;

        var eventValue = values[_eventColumn];
        year = eventValue.Time.Year;
        if (!_descriptor.Years.Contains(year.Value))
        {
            var feedColumn = Converters[_eventColumn]!.FeedColumn;
            return new Rejection(RejectionReasons.OutsideSourceYears, feedColumn, $"{feedColumn}: event in {year} is outside {_descriptor.System}'s years {_descriptor.Years}");
        }

        return null;
    }

    /// <summary>Gives converters that parse the same feed field as a number with the same decimal separator one parse per row.</summary>
    private static NumberMemo[] ShareNumberParses(FieldConverter?[] converters)
    {
        var shared = new List<NumberMemo>();
        foreach (var group in converters.OfType<FieldConverter>().Where(c => c.ParsesNumber && c.SourceIndex >= 0).GroupBy(c => (c.SourceIndex, c.DecimalSeparator)))
        {
            if (group.Count() < 2)
                continue;
            var memo = new NumberMemo();
            foreach (var converter in group)
                converter.SharedNumber = memo;
            shared.Add(memo);
        }

        return [.. shared];
    }

    private int IndexOf(IReadOnlyList<string> header, string name, string setting)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), name, StringComparison.Ordinal))
                return i;
        }

        throw new DescriptorException($"{_descriptor.Origin ?? _descriptor.System}: {setting} names feed column '{name}', but {HeaderInWords(header)}.");
    }

    /// <summary>
    /// The header's column names, when they look like a header: a first line that does not split
    /// into columns, or whose names are long, may be a file that is not a feed at all (a password
    /// file named by mistake or on purpose), and its text is not repeated.
    /// </summary>
    private string HeaderInWords(IReadOnlyList<string> header) =>
        header.Count > 1 && header.All(h => h.Length <= 64 && !HetuText.MightContain(h))
            ? $"the feed's header has only: {string.Join(", ", header.Take(40))}{(header.Count > 40 ? ", ..." : "")}"
            : $"the feed's first line does not split into columns with the delimiter '{_descriptor.Format.Delimiter}' ({header.Count} column{(header.Count == 1 ? "" : "s")}); check the delimiter, or that the file is a feed of this system";
}
