namespace Lake.Contracts.Registers;

/// <summary>
/// The columns of a measurement register that hold what was measured (a code), its value, its unit
/// and when: systems keep adding quantities (echocardiography, intensive care monitoring, device
/// readings), and a new quantity is a new code, not a new column.
/// </summary>
public sealed record MeasurementColumns(string Code, string Value, string? Unit, string Time);
