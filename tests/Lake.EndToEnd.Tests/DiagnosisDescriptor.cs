namespace Lake.EndToEnd.Tests;

/// <summary>The smallest descriptor of a diagnosis feed: <c>hetu,code,at</c> with ICD-10 codes, for tests that make up their own system.</summary>
internal static class DiagnosisDescriptor
{
    public static string For(string system) => $$"""
        system: {{system}}
        register: diagnosis
        years: { from: 2015 }
        identity: hetu
        columns:
          code: { from: code, normalize: icd10 }
          code_system: { value: ICD-10 }
          recorded_at: { from: at, format: "yyyy-MM-dd HH:mm" }
        """;
}
