namespace Lake.Contracts.Registers;

/// <summary>Short constructors so that register definitions read like a schema.</summary>
internal static class Column
{
    public static RegisterColumn Text(string name, string description, bool required = false) => new(name, ColumnType.Text, required, description);

    public static RegisterColumn Integer(string name, string description, bool required = false) => new(name, ColumnType.Integer, required, description);

    public static RegisterColumn Decimal(string name, string description, bool required = false) => new(name, ColumnType.Decimal, required, description);

    public static RegisterColumn Date(string name, string description, bool required = false) => new(name, ColumnType.Date, required, description);

    public static RegisterColumn Timestamp(string name, string description, bool required = false) => new(name, ColumnType.Timestamp, required, description);
}
