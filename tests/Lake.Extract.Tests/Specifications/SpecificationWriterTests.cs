using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Extract.Specifications;

namespace Lake.Extract.Tests.Specifications;

/// <summary>What the writer writes, the reader reads back as the same specification: the portal shows it so it can be kept and sent again.</summary>
public sealed class SpecificationWriterTests
{
    [TestCase("diabetes-study.yaml")]
    [TestCase("heart-failure-study.yaml")]
    public void Write_Example_ReadsBackAsTheSameSpecification(string example)
    {
        var specification = SpecificationReader.Load(Path.Combine(RepositoryFolders.Examples, example));

        var written = SpecificationWriter.Write(specification);

        Assert.That(Json(SpecificationReader.Parse(written)), Is.EqualTo(Json(specification)), written);
    }

    [Test]
    public void Write_EveryKindOfCriterionDatasetAndDelivery_ReadsBackAsTheSameSpecification()
    {
        var specification = new StudySpecification
        {
            // Text that YAML would otherwise read as a boolean, and a number-like code, stay text.
            Title = "yes",
            Cohort = new CohortCriteria
            {
                Include = new CohortCriterion
                {
                    All =
                    [
                        new CohortCriterion { Diagnosis = new DiagnosisCriterion { Icd10 = ["I50"], Specialty = ["Kardiologia"], Index = true } },
                        new CohortCriterion { Laboratory = new LaboratoryCriterion { TestCodes = ["4207"], Min = 400.5, Max = 9000, Window = new EventWindow { WithinDaysBeforeIndex = 365, WithinDaysAfterIndex = 30 } } },
                        new CohortCriterion { Any = [new CohortCriterion { Procedure = new ProcedureCriterion { Codes = ["FPE"] } }, new CohortCriterion { Visit = new VisitCriterion() }] },
                        new CohortCriterion { Not = new CohortCriterion { Medication = new MedicationCriterion { Atc = ["C09A"], Window = new EventWindow { From = new DateOnly(2020, 1, 1), To = new DateOnly(2020, 12, 31) } } } },
                    ],
                },
                Exclude = new CohortCriterion { QualityRegistry = new QualityRegistryCriterion { Registers = ["qr_transplantations"] } },
                From = new DateOnly(2015, 1, 1),
                To = new DateOnly(2024, 12, 31),
                Sex = "female",
                MinAge = 18,
                MaxAge = 90,
            },
            Datasets =
            [
                new DatasetRequest { Register = "laboratory", Columns = ["test_code", "result_value"], From = new DateOnly(2015, 1, 1), Filters = [new DatasetFilter { Column = "test_code", In = ["4207", "2095"] }] },
                new DatasetRequest { Register = "patient_record_text", Terms = ["diabet"], Specialties = ["Sisätaudit"] },
            ],
            Delivery = new DeliveryOptions { Csv = true, Arrow = true, DatePrecision = "shift", ShiftMaxDays = 30, FreeText = true, TransferTo = "findata-kapseli" },
        };

        var written = SpecificationWriter.Write(specification);

        Assert.That(Json(SpecificationReader.Parse(written)), Is.EqualTo(Json(specification)), written);
    }

    [Test]
    public void Write_CodeLists_OnOneLineAsTheExamplesWriteThem()
    {
        var written = SpecificationWriter.Write(new StudySpecification { Cohort = new CohortCriteria { Icd10 = ["E11", "E13"] } });

        Assert.That(written, Does.Contain("icd10: [E11, E13]"));
    }

    [Test]
    public void Write_IdentityCodeList_IsRefusedForTheTokensCannotBeWrittenBack()
    {
        var specification = new StudySpecification
        {
            Cohort = new CohortCriteria { Include = new CohortCriterion { IdentityList = new IdentityListCriterion { KeyId = 1, Tokens = [Guid.NewGuid()], ListedCount = 1 } } },
        };

        Assert.That(() => SpecificationWriter.Write(specification), Throws.TypeOf<SpecificationException>().With.Message.Contains("cannot be written back"));
    }

    private static string Json(StudySpecification specification) => JsonSerializer.Serialize(specification);
}
