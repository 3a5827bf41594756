using Lake.Ingest.Fhir;
using Lake.Ingest.Mapping;
using Lake.Pseudonymization;

namespace Lake.Ingest.Tests.Fhir;

public sealed class FhirPatientReferencesTests
{
    private static readonly Hetu Alice = Hetu.Create(new DateOnly(1952, 10, 13), 308);

    [TestCase("Patient/p-1", "p-1")]
    [TestCase("  Patient/p-1 ", "p-1")]
    [TestCase("Patient/p-1/_history/3", "p-1")]
    [TestCase("urn:uuid:7f1b2c3d-0000-4000-8000-000000000001", "7f1b2c3d-0000-4000-8000-000000000001")]
    [TestCase("https://fhir.apotti.example/api/FHIR/R4/Patient/p-1", "p-1")]
    [TestCase("https://fhir.apotti.example/api/FHIR/R4/Patient/p-1/_history/1", "p-1")]
    public void TryPatientId_PatientReference_GivesTheId(string reference, string id)
    {
        Assert.That(FhirPatientReferences.TryPatientId(reference, out var found, out var problem), Is.True, problem);
        Assert.That(found.ToString(), Is.EqualTo(id));
    }

    [TestCase("", "names no patient")]
    [TestCase("Group/g-1", "to a Group, not to a Patient")]
    [TestCase("#contained-patient", "contained in this one")]
    [TestCase("p-1", "not a reference to a Patient")]
    [TestCase("Patient/", "not a reference to a Patient")]
    [TestCase("urn:uuid:", "names no id")]
    public void TryPatientId_NotAPatientReference_SaysWhy(string reference, string why)
    {
        Assert.That(FhirPatientReferences.TryPatientId(reference, out _, out var problem), Is.False);
        Assert.That(problem, Does.Contain(why));
    }

    [Test]
    public void Resolve_KnownAndUnknownPatients_GivesTheCodeOrAnUnknownPatientReference()
    {
        var index = FhirPatientIndex.InMemory();
        index.Record("p-1", Alice.Value);
        var references = new FhirPatientReferences(index, "Apotti");

        Assert.Multiple(() =>
        {
            Assert.That(references.Resolve("Patient/p-1", out var code, out var shift), Is.Null);
            Assert.That((code, shift), Is.EqualTo((Alice.Value, 0)));
            var unknown = references.Resolve("Patient/p-2", out _, out _);
            Assert.That(unknown?.Reason, Is.EqualTo(RejectionReasons.UnknownPatientReference));
            Assert.That(unknown?.Message, Does.Contain("Patient/p-2").And.Contain("ingest the Patient file first"));
            Assert.That(references.Resolve("Group/g-1", out _, out _)?.Reason, Is.EqualTo(RejectionReasons.UnknownPatientReference));
        });
    }
}
