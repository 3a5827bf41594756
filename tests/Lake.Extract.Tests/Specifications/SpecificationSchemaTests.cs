using System.Reflection;
using System.Text.Json.Nodes;
using Lake.Extract.Specifications;

namespace Lake.Extract.Tests.Specifications;

/// <summary>
/// The published JSON Schema (docs/study-specification.schema.json) and the reader agree: every
/// setting the reader takes is in the schema with the same name, and no setting in the schema is
/// one the reader would refuse as unknown.
/// </summary>
public sealed class SpecificationSchemaTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolders.Root, "docs", "study-specification.schema.json")))!;

    [TestCase(typeof(SpecificationDocument), "")]
    [TestCase(typeof(SpecificationDocument.CohortDocument), "cohort")]
    [TestCase(typeof(SpecificationDocument.DatasetDocument), "datasets")]
    [TestCase(typeof(SpecificationDocument.DeliveryDocument), "delivery")]
    [TestCase(typeof(CriterionDocument), "criterion")]
    [TestCase(typeof(CriterionDocument.DiagnosisDocument), "criterion.diagnosis")]
    [TestCase(typeof(CriterionDocument.ProcedureDocument), "criterion.procedure")]
    [TestCase(typeof(CriterionDocument.MedicationDocument), "criterion.medication")]
    [TestCase(typeof(CriterionDocument.LaboratoryDocument), "criterion.laboratory")]
    [TestCase(typeof(CriterionDocument.MeasurementDocument), "criterion.measurement")]
    [TestCase(typeof(CriterionDocument.QualityRegistryDocument), "criterion.quality_registry")]
    [TestCase(typeof(CriterionDocument.VisitDocument), "criterion.visit")]
    public void Schema_PropertiesOfEachSection_AreExactlyThoseTheReaderTakes(Type section, string path)
    {
        var node = path switch
        {
            "" => Schema,
            "datasets" => Schema["properties"]!["datasets"]!["items"]!,
            "criterion" => Schema["$defs"]!["criterion"]!,
            _ when path.StartsWith("criterion.", StringComparison.Ordinal) => Schema["$defs"]!["criterion"]!["properties"]![path["criterion.".Length..]]!,
            _ => Schema["properties"]![path]!,
        };
        var inSchema = node["properties"]!.AsObject().Select(p => p.Key).Order();
        var inReader = section.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => Snake(p.Name)).Order();

        Assert.That(inSchema, Is.EqualTo(inReader));
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
