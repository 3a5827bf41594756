using Lake.Contracts.Registers;
using Lake.Portal.Resources;
using Lake.Portal.Studies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Lake.Portal.Tests;

/// <summary>The study form's fields become the specification model's tree, and the validator's problems land beside the field they are about.</summary>
public sealed class StudyFormTests
{
    private static readonly IStringLocalizer Text =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(StudyText));

    [Test]
    public void Build_RowsOfEachRole_MustRowsAnyGroupAndNotParts()
    {
        var form = Posted(new()
        {
            ["criteria"] = "4",
            ["c0-kind"] = "diagnosis", ["c0-codes"] = "I50", ["c0-index"] = "true",
            ["c1-kind"] = "laboratory", ["c1-role"] = "any", ["c1-codes"] = "4207", ["c1-min"] = "400,5", ["c1-before"] = "365", ["c1-after"] = "30",
            ["c2-kind"] = "visit", ["c2-role"] = "any", ["c2-specialty"] = "Kardiologia, Sisätaudit",
            ["c3-kind"] = "quality_registry", ["c3-role"] = "not", ["c3-codes"] = "qr_transplantations",
            ["cohort-from"] = "2015-01-01", ["min-age"] = "18",
            ["d0-register"] = "laboratory", ["d0-columns"] = "test_code, result_value", ["d0-filter-column"] = "test_code", ["d0-filter-values"] = "4207",
        });

        var specification = form.Build(RegisterCatalog.Shipped, Text, out var problems);

        Assert.That(problems, Is.Empty);
        var all = specification!.Cohort.Include!.All!;
        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(3));
            Assert.That(all[0].Diagnosis!.Index, Is.True);
            Assert.That(all[1].Any!.Select(a => a.Laboratory?.Min ?? (a.Visit is null ? -1 : 0)), Is.EqualTo(new[] { 400.5, 0 }), "the decimal comma read as a point");
            Assert.That(all[1].Any![1].Visit!.Specialty, Is.EqualTo(new[] { "Kardiologia", "Sisätaudit" }));
            Assert.That(all[2].Not!.QualityRegistry!.Registers, Is.EqualTo(new[] { "qr_transplantations" }));
            Assert.That(specification.Cohort.MinAge, Is.EqualTo(18));
            Assert.That(specification.Datasets.Single().Filters.Single().In, Is.EqualTo(new[] { "4207" }));
        });
    }

    [Test]
    public void Build_OneMustRow_IsTheInclusionItself()
    {
        var specification = Posted(new() { ["c0-kind"] = "diagnosis", ["c0-codes"] = "E11" }).Build(RegisterCatalog.Shipped, Text, out _);

        Assert.That(specification!.Cohort.Include!.Diagnosis!.Icd10, Is.EqualTo(new[] { "E11" }));
    }

    [Test]
    public void Build_ValidatorProblems_AreBesideTheirFields()
    {
        var form = Posted(new()
        {
            ["c0-kind"] = "diagnosis", ["c0-codes"] = "E11; 11E", ["c0-index"] = "true",
            ["c2-kind"] = "laboratory", ["c2-codes"] = "2095", ["c2-min"] = "9", ["c2-max"] = "3",
            ["d1-register"] = "diagnosis", ["d1-columns"] = "no_such_column",
        });

        Assert.That(form.Build(RegisterCatalog.Shipped, Text, out var problems), Is.Null);
        Assert.That(problems.Select(p => p.FieldId), Is.EquivalentTo(new[] { "c0-codes", "c2-min", "d1-columns" }), string.Join("\n", problems));
        Assert.That(problems.All(p => p.InEnglish), Is.True, "the validator's own words");
    }

    [Test]
    public void Build_NotANumberOrDate_SaysSoBesideTheFieldWithoutValidating()
    {
        var form = Posted(new() { ["c0-kind"] = "laboratory", ["c0-codes"] = "2095", ["c0-min"] = "lots", ["cohort-to"] = "31.12.2024" });

        form.Build(RegisterCatalog.Shipped, Text, out var problems);

        Assert.That(problems.Select(p => (p.FieldId, p.Message)), Is.EquivalentTo(new[] { ("c0-min", "Write a number."), ("cohort-to", "Write the date as yyyy-mm-dd.") }));
    }

    [Test]
    public void Read_MoreRowsThanAPageCarries_AreCutToTheLimit()
    {
        var form = Posted(new() { ["criteria"] = "100000", ["datasets"] = "-3" });

        Assert.Multiple(() =>
        {
            Assert.That(form.Criteria, Has.Count.EqualTo(StudyForm.MostRows));
            Assert.That(form.Datasets, Has.Count.EqualTo(StudyForm.FirstDatasets));
        });
    }

    private static StudyForm Posted(Dictionary<string, StringValues> fields) => StudyForm.Read(new FormCollection(fields));
}
