namespace Lake.Extract.Tests.Querying;

/// <summary>Windows relative to the index date and lists of identity codes.</summary>
public sealed partial class CohortSelectorTests
{
    [TestCase("within_days_after_index: 60", "Anna", TestName = "Select_WithinDaysAfterIndex_KeepsEventsAfterTheIndexDate")]
    [TestCase("within_days_after_index: 21", "", TestName = "Select_WithinDaysAfterIndex_LeavesOutLaterEvents")]
    [TestCase("within_days_before_index: 730", "Kaisa", TestName = "Select_WithinDaysBeforeIndex_CountsCalendarDaysIncludingTheBound")]
    [TestCase("within_days_before_index: 729", "", TestName = "Select_WithinDaysBeforeIndex_LeavesOutEarlierEvents")]
    [TestCase("within_days_before_index: 730, within_days_after_index: 22", "Anna Kaisa", TestName = "Select_WithinDaysBeforeAndAfter_IsTheSpanAroundTheIndexDate")]
    public void Select_RelativeWindow_FindsTheKnownPatients(string window, string expected)
    {
        // Index dates: Anna 2021-01-10 (result 22 days later), Kaisa 2020-01-01 (result 730 days earlier), Ville's result is too low.
        var members = Select($"include: {{ all: [ {{ diagnosis: {{ icd10: [E1], index: true }} }}, {{ laboratory: {{ test_codes: ['2095'], min: 50, {window} }} }} ] }}");

        Assert.That(Names(members), Is.EqualTo(expected));
    }

    [Test]
    public void Select_RelativeWindowInExclusion_RemovesOnlyPatientsWithTheEventNearTheirIndex()
    {
        var members = Select("include: { diagnosis: { icd10: [E1], index: true } }\n  exclude: { medication: { atc: [A10], within_days_after_index: 15 } }");

        // Anna's prescription is 10 days after her diagnosis, Kaisa's 31 days.
        Assert.That(Names(members), Is.EqualTo("Kaisa Ville"));
    }

    [Test]
    public void Select_IdentityCodes_FindsTheListedPatientsWithTheDatedCriterion()
    {
        var members = Select($"include: {{ all: [ {{ identity_codes: ['{Anna.Value}', '{Olli.Value}', '{Eeva.Value}', '{Anna.Value}'] }}, {{ visit: {{}} }} ] }}");

        Assert.Multiple(() =>
        {
            Assert.That(Names(members), Is.EqualTo("Anna Olli"));
            Assert.That(members.Single(m => _names[m.Identity] == "Olli").IndexTime, Is.EqualTo(new DateTime(2021, 2, 2, 13, 0, 0)));
        });
    }

    [Test]
    public void Select_IdentityCodesExcluded_LeavesThemOut()
    {
        var members = Select($"include: {{ diagnosis: {{ icd10: [E1] }} }}\n  exclude: {{ identity_codes: ['{Ville.Value}'] }}");

        Assert.That(Names(members), Is.EqualTo("Anna Kaisa"));
    }
}
