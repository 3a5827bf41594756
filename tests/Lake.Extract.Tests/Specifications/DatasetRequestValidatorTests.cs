using Lake.Contracts.Extraction;
using Lake.Extract.Specifications;

namespace Lake.Extract.Tests.Specifications;

/// <summary>Filters, search terms and specialties: read from YAML and checked, errors naming the field.</summary>
public sealed class DatasetRequestValidatorTests
{
    [Test]
    public void Parse_FiltersTermsSpecialtiesAndDeliveryFlags_AreRead()
    {
        var specification = SpecificationReader.Parse("""
            cohort: { icd10: [E11] }
            datasets:
              - register: laboratory
                filters:
                  - { column: test_code, in: ['2095', '1999'] }
                  - { column: result_value, min: 4, max: 12.5 }
              - register: patient_record_text
                terms: [diabet, insuliini]
                specialties: [Sisätaudit]
            delivery: { free_text: true, identity_codes: true }
            """);

        Assert.Multiple(() =>
        {
            Assert.That(specification.Datasets[0].Filters, Is.EqualTo(new[]
            {
                new DatasetFilter { Column = "test_code", In = ["2095", "1999"] },
                new DatasetFilter { Column = "result_value", Min = 4, Max = 12.5 },
            }).Using<DatasetFilter>((a, b) => a.Column == b.Column && a.In.SequenceEqual(b.In) && a.Min == b.Min && a.Max == b.Max));
            Assert.That(specification.Datasets[1].Terms, Is.EqualTo(new[] { "diabet", "insuliini" }));
            Assert.That(specification.Datasets[1].Specialties, Is.EqualTo(new[] { "Sisätaudit" }));
            Assert.That(specification.Delivery.FreeText, Is.True);
            Assert.That(specification.Delivery.IdentityCodes, Is.True);
        });
    }

    [TestCase("{ register: laboratory, filters: [{ column: no_such, in: [x] }] }", "datasets[0].filters[0].column: 'no_such' is not a column of laboratory")]
    [TestCase("{ register: laboratory, filters: [{ column: sample_time, in: [x] }] }", "datasets[0].filters[0].column: sample_time is a date; limit dates with the dataset's 'from' and 'to'.")]
    [TestCase("{ register: laboratory, filters: [{ column: test_code }] }", "datasets[0].filters[0]: give either 'in' (a list of values) or 'min'/'max' (a range), not neither.")]
    [TestCase("{ register: laboratory, filters: [{ column: result_value, in: ['1'], min: 1 }] }", "datasets[0].filters[0]: give either 'in' (a list of values) or 'min'/'max' (a range), not both.")]
    [TestCase("{ register: laboratory, filters: [{ column: test_code, min: 1 }] }", "datasets[0].filters[0]: test_code is text; 'min'/'max' apply to number columns, use 'in' for text.")]
    [TestCase("{ register: laboratory, filters: [{ column: result_value, min: 5, max: 1 }] }", "datasets[0].filters[0]: min 5 is above max 1.")]
    [TestCase("{ register: laboratory, filters: [{ column: result_value, in: ['5.5'] }] }", "datasets[0].filters[0]: result_value holds decimal numbers")]
    [TestCase("{ register: laboratory, filters: [{ column: test_code, in: [''] }] }", "datasets[0].filters[0].in: '' must be 1 to 200 characters.")]
    [TestCase("{ register: patient_record_text, filters: [{ column: text, in: [x] }] }", "datasets[0].filters[0].column: text is free text; select texts with 'terms' instead.")]
    [TestCase("{ register: diagnosis, terms: [diabet] }", "datasets[0].terms: only patient_record_text can be limited this way")]
    [TestCase("{ register: diagnosis, specialties: [Sisätaudit] }", "datasets[0].specialties: only patient_record_text can be limited this way")]
    [TestCase("{ register: patient_record_text, terms: ['   '] }", "datasets[0].terms[0]: '   ' must be 1 to 100 characters, not only spaces.")]
    [TestCase("{ register: patient_record_text, terms: ['.*'] }", "datasets[0].terms[0]: '.*' has no letter or digit to search for.")]
    public void Parse_BadDataset_IsRefusedNamingTheField(string dataset, string expected)
    {
        var error = Assert.Throws<SpecificationException>(() => SpecificationReader.Parse($"cohort: {{ icd10: [E11] }}\ndatasets: [{dataset}]"));

        Assert.That(error!.Message, Does.Contain(expected));
    }
}
