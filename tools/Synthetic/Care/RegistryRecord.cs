namespace Lake.Synthetic.Care;

/// <summary>One variable of a quality registry entry.</summary>
internal readonly record struct RegistryRecord(int Person, DateOnly Enrolled, DateTime Time, string Variable, string Value);
