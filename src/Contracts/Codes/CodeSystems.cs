namespace Lake.Contracts.Codes;

/// <summary>Names of diagnosis code systems as stored in the code_system column.</summary>
public static class CodeSystems
{
    public const string Icd10 = "ICD-10";
    public const string Icd9 = "ICD-9";

    /// <summary>The US clinical modification, in foreign sources; prefix searches cover it with ICD-10.</summary>
    public const string Icd10Cm = "ICD-10-CM";
}
