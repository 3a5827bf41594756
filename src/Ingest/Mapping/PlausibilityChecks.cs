using Lake.Contracts.Registers;

namespace Lake.Ingest.Mapping;

/// <summary>
/// Checks that need a whole converted row, in the spirit of OHDSI's Data Quality Dashboard
/// plausibility checks: events dated before the patient was born or after today are quarantined
/// (fatal); implausible numbers and periods that end before they start are kept and counted (warning).
/// </summary>
internal sealed class PlausibilityChecks
{
    private readonly RegisterDefinition _register;
    private readonly int _eventIndex;
    private readonly int _endIndex;
    private readonly (int Index, RegisterColumn Column)[] _ranged;
    private readonly DateTime _latest;

    public PlausibilityChecks(RegisterDefinition register, DateTime today)
    {
        _register = register;
        var columns = register.Columns.ToList();
        _eventIndex = register.EventColumn is null ? -1 : columns.FindIndex(c => c.Name == register.EventColumn);
        _endIndex = register.EndColumn is null ? -1 : columns.FindIndex(c => c.Name == register.EndColumn);
        _ranged = columns.Select((c, i) => (i, c)).Where(p => p.c.PlausibleMin is not null || p.c.PlausibleMax is not null).ToArray();
        // A feed exported today may carry times later today in another clock; a day's grace avoids quarantining those.
        _latest = today.Date.AddDays(2);
    }

    public Rejection? Fatal(FieldValue[] values, DateOnly birthDate)
    {
        if (_eventIndex < 0 || !values[_eventIndex].HasValue)
            return null;
        var time = values[_eventIndex].Time;
        var column = _register.EventColumn!;
        if (DateOnly.FromDateTime(time) < birthDate)
            return new Rejection(RejectionReasons.EventBeforeBirth, column, $"{column}: {time:yyyy-MM-dd} is before the patient's birth date in the identity code");
        if (time >= _latest)
            return new Rejection(RejectionReasons.EventInFuture, column, $"{column}: {time:yyyy-MM-dd} is in the future");
        return null;
    }

    public void CountWarnings(FieldValue[] values, Dictionary<string, long> warnings)
    {
        foreach (var (index, column) in _ranged)
        {
            var value = values[index];
            if (!value.HasValue)
                continue;
            var number = column.Type is ColumnType.BigInt or ColumnType.Integer ? value.Integer : value.Number;
            if (number < column.PlausibleMin || number > column.PlausibleMax)
                warnings[WarningChecks.ImplausibleValue] = warnings.GetValueOrDefault(WarningChecks.ImplausibleValue) + 1;
        }

        if (_endIndex >= 0 && values[_endIndex].HasValue && values[_eventIndex].HasValue && values[_endIndex].Time < values[_eventIndex].Time)
            warnings[WarningChecks.EndBeforeStart] = warnings.GetValueOrDefault(WarningChecks.EndBeforeStart) + 1;
    }
}
