using Lake.Contracts.Extraction;
using Lake.Extract.Omop;
using Lake.Extract.Specifications;

namespace Lake.Extract.Tests.Omop;

public sealed class OmopRequestCheckTests
{
    private const string Cohort = """
        version: 1
        title: Test
        cohort:
          icd10: [E11]
        """;

    [Test]
    public void Parse_OmopWithPatientBackground_ReadsTheFlag()
    {
        var specification = SpecificationReader.Parse(Cohort + "\ndatasets:\n  - register: diagnosis\n  - register: patient_background\ndelivery:\n  omop: true");

        Assert.That(specification.Delivery.Omop, Is.True);
    }

    [Test]
    public void Write_Omop_ReadsBackAsWritten()
    {
        var specification = SpecificationReader.Parse(Cohort + "\ndatasets:\n  - register: patient_background\ndelivery:\n  omop: true");

        var written = SpecificationWriter.Write(specification);

        Assert.Multiple(() =>
        {
            Assert.That(written, Does.Contain("omop: true"));
            Assert.That(SpecificationReader.Parse(written).Delivery.Omop, Is.True);
        });
    }

    [Test]
    public void Parse_OmopWithoutPatientBackground_AsksForIt()
    {
        Assert.That(() => SpecificationReader.Parse(Cohort + "\ndatasets:\n  - register: diagnosis\ndelivery:\n  omop: true", "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.Contains("delivery.omop: OMOP's person table needs each member's year of birth and sex; add a dataset for patient_background."));
    }

    [Test]
    public void Parse_OmopWithColumnsLeavingOutTheDate_NamesTheMissingColumns()
    {
        var yaml = Cohort + "\ndatasets:\n  - register: diagnosis\n    columns: [code, unit]\n  - register: patient_background\n    columns: [sex]\ndelivery:\n  omop: true";

        Assert.That(() => SpecificationReader.Parse(yaml, "spec.yaml"), Throws.TypeOf<SpecificationException>().With.Message
            .Contains("datasets[0].columns: delivery.omop needs recorded_at of diagnosis").And.Message
            .Contains("datasets[1].columns: delivery.omop needs birth_date of patient_background"));
    }

    [Test]
    public void Parse_ColumnsWithoutOmop_AreNotCheckedForOmop()
    {
        var specification = SpecificationReader.Parse(Cohort + "\ndatasets:\n  - register: diagnosis\n    columns: [code]");

        Assert.That(specification.Delivery.Omop, Is.False);
    }

    [Test]
    public void RefusalReason_OmopWithoutConfiguredVocabulary_NamesTheSetting()
    {
        var specification = new StudySpecification { Cohort = new CohortCriteria(), Delivery = new DeliveryOptions { Omop = true } };

        Assert.Multiple(() =>
        {
            Assert.That(OmopRequestCheck.RefusalReason(specification, null), Does.Contain("setting Omop:Vocabulary"));
            Assert.That(OmopRequestCheck.RefusalReason(specification, new OmopOptions { Vocabulary = " " }), Does.Contain("setting Omop:Vocabulary"));
            Assert.That(OmopRequestCheck.RefusalReason(specification, new OmopOptions { Vocabulary = "/srv/vocabulary" }), Is.Null);
            Assert.That(OmopRequestCheck.RefusalReason(specification with { Delivery = new DeliveryOptions() }, null), Is.Null);
        });
    }
}
