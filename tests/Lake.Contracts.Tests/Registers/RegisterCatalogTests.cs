using Lake.Contracts.Registers;

namespace Lake.Contracts.Tests.Registers;

/// <summary>The register catalog against the hospital's dataset catalog, and its internal consistency.</summary>
public sealed class RegisterCatalogTests
{
    [Test]
    public void PatientRegisters_AreEveryRegisterOfTheDatasetCatalog()
    {
        Assert.That(RegisterCatalog.Shipped.PatientRegisters.Select(r => r.Name), Is.EquivalentTo(new[]
        {
            "patient_background", "referral", "diagnosis", "visit", "inpatient_period", "patient_record_text",
            "laboratory", "procedure", "pathology", "medication", "intensive_care", "prehospital_call",
            "imaging", "childbirth", "prehospital_care", "basic_measurement",
        }));
    }

    [Test]
    public void QualityRegistries_AreTheSixtyNineOfTheCatalogWithPatientsAndYears()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RegisterCatalog.Shipped.QualityRegistries.ToList(), Has.Count.EqualTo(69));
            Assert.That(RegisterCatalog.Shipped.QualityRegistries.Select(r => r.Name), Is.Unique.And.All.StartsWith("qr_"));
            Assert.That(RegisterCatalog.Shipped.QualityRegistries.Single(r => r.Name == "qr_stroke").ApproximatePatients, Is.EqualTo(47_000));
            Assert.That(RegisterCatalog.Shipped.QualityRegistries.Single(r => r.Name == "qr_bipolar_disorder").Sources.Single().ToYear, Is.EqualTo(2020));
        });
    }

    [TestCaseSource(nameof(AllRegisters))]
    public void Register_ColumnsNamedByItsOwnSettings_Exist(RegisterDefinition register)
    {
        var names = register.Columns.Select(c => c.Name).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(names, Has.Count.EqualTo(register.Columns.Count), "column names are unique");
            Assert.That(names, Does.Not.Contain(RegisterDefinition.PseudonymColumn).And.Not.Contain(RegisterDefinition.KeyIdColumn));
            Assert.That(register.EventKey, Is.SubsetOf(names));
            if (register.EventColumn is not null)
                Assert.That(register.FindColumn(register.EventColumn)!.Type, Is.AnyOf(ColumnType.Date, ColumnType.Timestamp));
            if (register.EndColumn is not null)
                Assert.That(register.FindColumn(register.EndColumn)!.Type, Is.EqualTo(register.FindColumn(register.EventColumn!)!.Type));
            Assert.That(register.Sources, Is.Not.Empty);
        });
    }

    [Test]
    public void SourcePrecedence_Diagnosis_PrefersApottiOverUranus()
    {
        Assert.That(RegisterCatalog.Shipped.Get(RegisterNames.Diagnosis).SourcePrecedence, Is.EqualTo(new[] { "Apotti", "Uranus" }));
    }

    [Test]
    public void Get_UnknownRegister_NamesTheKnownOnes()
    {
        Assert.That(() => RegisterCatalog.Shipped.Get("lab"), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("laboratory"));
    }

    private static IEnumerable<RegisterDefinition> AllRegisters() => RegisterCatalog.Shipped.All;
}
