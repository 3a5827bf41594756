using System.Text;
using System.Text.Json;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Fhir;

namespace Lake.Ingest.Tests.Fhir;

/// <summary>Every path form docs/fhir-bulk.md lists, on resources shaped as FHIR R4 JSON writes them.</summary>
public sealed class FhirPathTests
{
    // Several codings, a text, an extension, a contained resource and a value with a unit.
    private const string Observation = """
        {
          "resourceType": "Observation",
          "id": "obs-1",
          "contained": [ { "resourceType": "Specimen", "id": "s1", "type": { "text": "contained specimen" } } ],
          "extension": [
            { "url": "http://example.org/other", "valueString": "not this one" },
            { "url": "http://example.org/lab-section", "valueCoding": { "code": "KEM", "display": "Kemia" } }
          ],
          "status": "final",
          "category": [
            { "coding": [ { "system": "urn:oid:1.2.246.537.6.999", "code": "LAB-FI" } ] },
            { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory" } ] }
          ],
          "code": {
            "coding": [
              { "system": "http://loinc.org", "code": "2345-7", "display": "Glucose" },
              { "system": "urn:oid:1.2.246.537.6.3.2006", "code": "1468", "display": "P -Gluk" }
            ],
            "text": "Glukoosi"
          },
          "subject": { "reference": "Patient/p-1" },
          "effectivePeriod": { "start": "2022-05-06T08:15:00+03:00" },
          "valueQuantity": { "value": 5.40, "unit": "mmol/l", "system": "http://unitsofmeasure.org", "code": "mmol/L" },
          "component": [
            { "code": { "coding": [ { "system": "http://loinc.org", "code": "8480-6" } ] }, "valueQuantity": { "value": 142 } },
            { "code": { "coding": [ { "system": "http://loinc.org", "code": "8462-4" } ] }, "valueQuantity": { "value": 91 } }
          ],
          "note": [ { "text": "" }, { "text": "second note" } ],
          "interpretation": [],
          "issued": null
        }
        """;

    [TestCase("status", "final")]
    [TestCase("subject.reference", "Patient/p-1")]
    [TestCase("code.text", "Glukoosi")]
    [TestCase("code.coding[0].code", "2345-7")]
    [TestCase("code.coding[1].display", "P -Gluk")]
    [TestCase("code.coding.code", "2345-7")] // No position: the first coding that has a code.
    [TestCase("code.coding[system=urn:oid:1.2.246.537.6.3.2006].code", "1468")]
    [TestCase("code.coding[system=http://loinc.org].display", "Glucose")]
    [TestCase("category.coding[system=http://terminology.hl7.org/CodeSystem/observation-category].code", "laboratory")] // Searched through every category.
    [TestCase("category[1].coding[0].code", "laboratory")]
    [TestCase("extension[url=http://example.org/lab-section].valueCoding.display", "Kemia")]
    [TestCase("component[code.coding.code=8462-4].valueQuantity.value", "91")] // A selector's element may be a dotted path.
    [TestCase("valueQuantity.value", "5.40")] // A number keeps its JSON text.
    [TestCase("valueQuantity.unit", "mmol/l")]
    [TestCase("effectiveDateTime | effectivePeriod.start", "2022-05-06T08:15:00+03:00")] // A choice type, with fallback.
    [TestCase("valueString | valueQuantity.code", "mmol/L")]
    [TestCase("note.text", "second note")] // An empty string is no value.
    [TestCase("code.coding[system=http://loinc.org][1].code", null)] // Only one LOINC coding.
    [TestCase("code.coding[2].code", null)]
    [TestCase("valueQuantity[0].value", "5.40")] // A bare value is its own first element.
    [TestCase("valueQuantity[1].value", null)]
    [TestCase("issued", null)]
    [TestCase("interpretation.text", null)]
    [TestCase("type.text", null)] // Contained resources are not searched unless the path names them.
    [TestCase("contained[resourceType=Specimen].type.text", "contained specimen")]
    [TestCase("code.coding[system^=urn:oid:1.2.246].code", "1468")]
    public void TryEvaluate_PathForm_FindsTheValue(string text, string? expected)
    {
        Assert.That(Evaluate(FhirPath.Parse(text), Observation), Is.EqualTo(expected));
    }

    [Test]
    public void TryEvaluate_Base64Function_DecodesUtf8Text()
    {
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes("Potilas voi hyvin. Kontrolli ensi viikolla."));
        var resource = $$$"""{"resourceType":"DocumentReference","content":[{"attachment":{"contentType":"application/pdf","data":"JVBERi0="}},{"attachment":{"contentType":"text/plain; charset=utf-8","data":"{{{data}}}"}}]}""";

        var path = FhirPath.Parse("content.attachment[contentType^=text/plain].data | base64");

        Assert.That(Evaluate(path, resource), Is.EqualTo("Potilas voi hyvin. Kontrolli ensi viikolla."));
    }

    [TestCase("bm90IHV0Zi04//8=", "not UTF-8")]
    [TestCase("this is not base64!", "not base64")]
    public void TryEvaluate_Base64OfSomethingElse_SaysWhy(string data, string problem)
    {
        using var document = JsonDocument.Parse($$$"""{"content":[{"attachment":{"data":"{{{data}}}"}}]}""");

        var decoded = FhirPath.Parse("content[0].attachment.data | base64").TryEvaluate(document.RootElement, out var value, out var why);

        Assert.Multiple(() =>
        {
            Assert.That(decoded, Is.False);
            Assert.That(value, Is.Null);
            Assert.That(why, Does.Contain(problem));
        });
    }

    [TestCase("", "names no element")]
    [TestCase("code..text", "element name was expected")]
    [TestCase("code.coding[system=http://loinc.org", "has no ']'")]
    [TestCase("code.coding[system=]", "compares with nothing")]
    [TestCase("code.coding[=x]", "a bracket holds a position")]
    [TestCase("code.coding[0][1]", "more than one position")]
    [TestCase("a | | b", "empty alternative")]
    [TestCase("base64 | code.text", "comes after the function")]
    [TestCase("base64", "names no element")]
    [TestCase("code-text", "neither '.' nor '['")]
    [TestCase("component[code.coding[0].code=8480-6].value", "a bracket holds a position")]
    public void Parse_NotAPath_ThrowsWithWhy(string text, string why)
    {
        var e = Assert.Throws<DescriptorException>(() => FhirPath.Parse(text));

        Assert.That(e!.Message, Does.Contain(why));
    }

    private static string? Evaluate(FhirPath path, string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.That(path.TryEvaluate(document.RootElement, out var value, out var problem), Is.True, problem);
        return value;
    }
}
