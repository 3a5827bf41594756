namespace Lake.Synthetic.Care;

/// <summary>One charted item of an intensive care stay; the stay itself is an item with an end.</summary>
internal readonly record struct IcuRecord(int Person, DateTime Time, string Ward, IcuItem Item, double? Value, DateTime? End);
