namespace Lake.Contracts.Registers;

/// <summary>One column of a register: its name in the lake, type, whether every row must have it, and what it means.</summary>
public sealed record RegisterColumn(string Name, ColumnType Type, bool Required, string Description);
