namespace Lake.Portal.Studies;

/// <summary>
/// Something to correct in the form: the field it is about (null when it is about the whole
/// specification) and what to do, in the page's language or, from the specification's validator, in English.
/// </summary>
public sealed record FormProblem(string? FieldId, string Message, bool InEnglish);
