namespace Lake.Extract.Omop;

/// <summary>
/// The OMOP vocabulary is not configured or its folder is unusable: a setting of the data service
/// to fix (the message names it), which retrying the assembly cannot.
/// </summary>
public sealed class OmopVocabularyException(string message) : Exception(message);
