namespace Lake.Contracts.Tests.Registers;

/// <summary>Register files for the tests: an echocardiography register as a data engineer would describe it, and edits of it.</summary>
internal static class RegisterFiles
{
    public const string Echocardiography = """
        # Echocardiography: one row per measured quantity of an examination.
        name: echocardiography
        version: 1
        title: Echocardiography measurements
        description: Measurements of cardiac ultrasound examinations, one row per quantity.
        event_column: exam_time
        partitioning: [source, year]
        event_key: [exam_time, quantity]
        measurement: { code: quantity, value: value, unit: unit, time: exam_time }
        columns:
          - { name: exam_time, type: timestamp, required: true, description: Time of the examination. }
          - { name: quantity, type: text, required: true, description: Measured quantity (e.g. LVEF). }
          - { name: value, type: double, description: Measured value. }
          - { name: unit, type: text, description: Unit of the value. }
          - { name: reading_count, type: integer, description: Beats averaged. }
          - { name: statement, type: text, free_text: true, description: Cardiologist's statement. }
        sources:
          - { system: Echo, from: 2015 }
        """;

    /// <summary>The register with one line replaced, e.g. a column's type.</summary>
    public static string With(string original, string line, string replacement)
    {
        Assert.That(original, Does.Contain(line), "the edit applies");
        return original.Replace(line, replacement, StringComparison.Ordinal);
    }
}
