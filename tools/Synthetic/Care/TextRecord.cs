namespace Lake.Synthetic.Care;

/// <summary>A patient record text, with the identifiers written into it and the restricted category, if any.</summary>
internal readonly record struct TextRecord(int Person, DateTime Time, string Specialty, string TextType, string Text, string? Category, TextIdentifiers Identifiers);
