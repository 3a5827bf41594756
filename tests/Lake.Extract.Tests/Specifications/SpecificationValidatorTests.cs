using Lake.Contracts.Extraction;
using Lake.Extract.Specifications;

namespace Lake.Extract.Tests.Specifications;

public sealed class SpecificationValidatorTests
{
    private static StudySpecification Valid() => new()
    {
        Title = "Test",
        Cohort = new CohortCriteria { Icd10 = ["E11", "e11.9", "E119"], From = new DateOnly(2020, 1, 1), To = new DateOnly(2025, 12, 31) },
        Datasets =
        [
            new DatasetRequest { Register = "diagnosis", From = new DateOnly(2020, 1, 1), To = new DateOnly(2025, 12, 31) },
            new DatasetRequest { Register = "laboratory", Columns = ["sample_time", "test_code"] },
        ],
    };

    [Test]
    public void Validate_ValidSpecification_NoProblems()
    {
        Assert.That(SpecificationValidator.Validate(Valid()), Is.Empty);
    }

    [Test]
    public void Validate_UnknownRegister_NamesDatasetAndRegister()
    {
        var specification = Valid() with { Datasets = [new DatasetRequest { Register = "genome" }] };

        Assert.That(SpecificationValidator.Validate(specification),
            Is.EqualTo(new[] { "datasets[0].register: 'genome' is not a register; see 'lake registers' for the list." }));
    }

    [Test]
    public void Validate_UnknownColumn_NamesDatasetColumnAndRegister()
    {
        var specification = Valid() with { Datasets = [new DatasetRequest { Register = "laboratory", Columns = ["sample_time", "hetu"] }] };

        Assert.That(SpecificationValidator.Validate(specification).Single(),
            Does.StartWith("datasets[0].columns: 'hetu' is not a column of laboratory"));
    }

    [Test]
    public void Validate_SqlInjectionShapedCode_NamesCodeIndex()
    {
        var specification = Valid() with { Cohort = Valid().Cohort with { Icd10 = ["E11", "E11'; DROP TABLE x; --"] } };

        Assert.That(SpecificationValidator.Validate(specification).Single(),
            Is.EqualTo("cohort.icd10[1]: 'E11'; DROP TABLE x; --' is not an ICD-10 code or prefix (a letter followed by digits, e.g. E11 or E11.9)."));
    }

    [Test]
    public void Validate_LongHostileCode_EchoedOnlyInPart()
    {
        var payload = "X" + new string('\'', 1000);
        var specification = Valid() with { Cohort = Valid().Cohort with { Icd10 = [payload] } };

        var problem = SpecificationValidator.Validate(specification).Single();

        Assert.Multiple(() =>
        {
            Assert.That(problem, Does.StartWith("cohort.icd10[0]:"));
            Assert.That(problem, Has.Length.LessThan(200));
        });
    }

    [Test]
    public void Validate_501Codes_SaysAtMost500()
    {
        var specification = Valid() with { Cohort = Valid().Cohort with { Icd10 = [.. Enumerable.Repeat("E11", 501)] } };

        Assert.That(SpecificationValidator.Validate(specification),
            Is.EqualTo(new[] { "cohort.icd10: 501 codes; at most 500 (use prefixes: E11 covers E11.0-E11.9)." }));
    }

    [Test]
    public void Validate_500Codes_Accepted()
    {
        var specification = Valid() with { Cohort = Valid().Cohort with { Icd10 = [.. Enumerable.Repeat("E11", 500)] } };

        Assert.That(SpecificationValidator.Validate(specification), Is.Empty);
    }

    [Test]
    public void Validate_NoCodes_AsksForOne()
    {
        var specification = Valid() with { Cohort = Valid().Cohort with { Icd10 = [] } };

        Assert.That(SpecificationValidator.Validate(specification).Single(), Does.StartWith("cohort.icd10: list at least one"));
    }

    [Test]
    public void Validate_CohortFromAfterTo_NamesBothDates()
    {
        var specification = Valid() with { Cohort = Valid().Cohort with { From = new DateOnly(2024, 1, 1), To = new DateOnly(2023, 12, 31) } };

        Assert.That(SpecificationValidator.Validate(specification),
            Is.EqualTo(new[] { "cohort: from 2024-01-01 is after to 2023-12-31." }));
    }

    [Test]
    public void Validate_DatasetFromAfterTo_NamesDataset()
    {
        var specification = Valid() with { Datasets = [new DatasetRequest { Register = "diagnosis", From = new DateOnly(2024, 1, 2), To = new DateOnly(2024, 1, 1) }] };

        Assert.That(SpecificationValidator.Validate(specification),
            Is.EqualTo(new[] { "datasets[0]: from 2024-01-02 is after to 2024-01-01." }));
    }

    [TestCase(1899, 12, 31, "cohort.from: 1899-12-31 is outside 1900-2100.")]
    [TestCase(1, 1, 1, "cohort.from: 0001-01-01 is outside 1900-2100.")]
    public void Validate_FromBefore1900_NamesField(int year, int month, int day, string expected)
    {
        var specification = Valid() with { Cohort = Valid().Cohort with { From = new DateOnly(year, month, day) } };

        Assert.That(SpecificationValidator.Validate(specification), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Validate_DatasetToAfter2100_NamesField()
    {
        var specification = Valid() with { Datasets = [new DatasetRequest { Register = "diagnosis", To = new DateOnly(2101, 1, 1) }] };

        Assert.That(SpecificationValidator.Validate(specification),
            Is.EqualTo(new[] { "datasets[0].to: 2101-01-01 is outside 1900-2100." }));
    }

    [Test]
    public void Validate_BoundaryDates_Accepted()
    {
        var specification = Valid() with { Cohort = Valid().Cohort with { From = new DateOnly(1900, 1, 1), To = new DateOnly(2100, 12, 31) } };

        Assert.That(SpecificationValidator.Validate(specification), Is.Empty);
    }

    [Test]
    public void Validate_UnknownSex_NamesField()
    {
        var specification = Valid() with { Cohort = Valid().Cohort with { Sex = "M" } };

        Assert.That(SpecificationValidator.Validate(specification).Single(), Does.StartWith("cohort.sex: 'M' must be male or female"));
    }

    [TestCase(-1, null)]
    [TestCase(null, 131)]
    [TestCase(60, 40)]
    public void Validate_ImplausibleAges_NamesFields(int? minAge, int? maxAge)
    {
        var specification = Valid() with { Cohort = Valid().Cohort with { MinAge = minAge, MaxAge = maxAge } };

        Assert.That(SpecificationValidator.Validate(specification).Single(), Does.StartWith("cohort.min_age/max_age:"));
    }

    [Test]
    public void Validate_RegisterListedTwice_Refused()
    {
        var specification = Valid() with { Datasets = [new DatasetRequest { Register = "diagnosis" }, new DatasetRequest { Register = "diagnosis" }] };

        Assert.That(SpecificationValidator.Validate(specification).Single(), Does.StartWith("datasets: a register is listed twice"));
    }

    [Test]
    public void Validate_UnsupportedVersion_NamesVersion()
    {
        var specification = Valid() with { Version = 2 };

        Assert.That(SpecificationValidator.Validate(specification).Single(), Does.StartWith("version: 2 is not supported"));
    }

    [Test]
    public void ThrowIfInvalid_SeveralProblems_ListsEachWithOrigin()
    {
        var specification = Valid() with
        {
            Cohort = Valid().Cohort with { Icd10 = ["1"] },
            Datasets = [new DatasetRequest { Register = "nope" }],
        };

        var exception = Assert.Throws<SpecificationException>(() => SpecificationValidator.ThrowIfInvalid(specification, "spec.yaml"));

        Assert.That(exception.Message, Does.StartWith("spec.yaml is not a valid specification:")
            .And.Contain("cohort.icd10[0]")
            .And.Contain("datasets[0].register"));
    }
}
