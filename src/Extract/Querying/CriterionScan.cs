namespace Lake.Extract.Querying;

/// <summary>
/// One leaf criterion compiled for one register: the register's view, the expression dating each
/// event and a filter whose every value is a parameter ($1, $2, ... in <see cref="Parameters"/>
/// order). Names in the SQL come from the catalog; codes sit in temp tables the compiler filled.
/// </summary>
internal sealed record CriterionScan(string Register, string EventTime, string Filter, IReadOnlyList<object> Parameters);
