namespace Lake.Synthetic;

/// <summary>How a good diagnosis row spells its code: real exports mix all three.</summary>
internal enum CodeVariant
{
    Canonical,
    Undotted,
    LowerCase,
}
