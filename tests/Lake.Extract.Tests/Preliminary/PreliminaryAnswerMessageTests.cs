using Lake.Contracts.Extraction;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;

namespace Lake.Extract.Tests.Preliminary;

/// <summary>
/// A worker's answer to a coordinator without register keys: what the coordinator reads back must be
/// the answer the worker counted, count for count and token for token, suppression reasons included.
/// </summary>
public sealed class PreliminaryAnswerMessageTests
{
    [Test]
    public void FromMessage_OfToMessage_IsTheSameAnswer()
    {
        var answer = new PreliminaryAnswer(Report(), new Dictionary<string, long> { ["cohort"] = 20, ["sex.female"] = 17 },
            new Dictionary<string, IReadOnlyCollection<ulong>> { ["cohort"] = [1UL, ulong.MaxValue, 0x0102030405060708UL], ["sex.female"] = [] });

        var read = PreliminaryAnswer.FromMessage(answer.ToMessage());

        Assert.Multiple(() =>
        {
            Assert.That(PreliminaryReportJson.Serialize(read.Report), Is.EqualTo(PreliminaryReportJson.Serialize(answer.Report)));
            Assert.That(read.Report.BySex[1].Count, Is.EqualTo(new ShownCount(null, 5, Suppression.Small)));
            Assert.That(read.Report.ByAgeBand[0].Count, Is.EqualTo(new ShownCount(null, 5, Suppression.Complementary)));
            Assert.That(read.Report.Availability[0].ByYear[1].Rows, Is.EqualTo(new ShownCount(null, 5, Suppression.Group)));
            Assert.That(read.TrueCounts, Is.EquivalentTo(answer.TrueCounts));
            Assert.That(read.Cells["cohort"], Is.EqualTo(answer.Cells["cohort"]));
            Assert.That(read.Cells["sex.female"], Is.Empty);
        });
    }

    [Test]
    public void FromMessage_TokensNotWholeWords_IsRefused()
    {
        var message = new PreliminaryAnswer(Report(), new Dictionary<string, long>(), new Dictionary<string, IReadOnlyCollection<ulong>>()).ToMessage()
            with { CellTokens = new Dictionary<string, string> { ["cohort"] = Convert.ToBase64String(new byte[12]) } };

        Assert.That(() => PreliminaryAnswer.FromMessage(message), Throws.TypeOf<FormatException>().With.Message.Contains("12 bytes"));
    }

    [Test]
    public void DisclosurePolicy_FromMessage_KeepsTheRulesThatDecideCounts()
    {
        var policy = new DisclosurePolicy { Version = "2026-12-hus-3", Threshold = 10, ZeroCells = ZeroCells.Shown };

        var read = DisclosurePolicy.FromMessage(policy.ToMessage());

        Assert.That((read.Version, read.Threshold, read.ZeroCells), Is.EqualTo((policy.Version, policy.Threshold, policy.ZeroCells)));
    }

    [TestCase("Hidden")]
    [TestCase("7")]
    public void DisclosurePolicy_FromMessage_UnknownZeroCellRule_IsRefusedByName(string rule)
    {
        var rules = new PreliminaryDisclosure { Version = "v", Threshold = 5, ZeroCells = rule };

        Assert.That(() => DisclosurePolicy.FromMessage(rules), Throws.ArgumentException.With.Message.Contains($"'{rule}'"));
    }

    private static PreliminaryReport Report() => new()
    {
        Title = "E11",
        SuppressionThreshold = 5,
        PolicyVersion = "lake-default-1",
        CohortSize = new ShownCount(20, 5),
        ByIndexYear = [("2021", new ShownCount(12, 5)), ("2022", new ShownCount(8, 5))],
        BySex = [("female", new ShownCount(17, 5)), ("male", new ShownCount(null, 5, Suppression.Small)), ("unknown", new ShownCount(0, 5))],
        ByAgeBand = [("0-17", new ShownCount(null, 5, Suppression.Complementary)), ("18-39", new ShownCount(14, 5))],
        Availability = [new RegisterAvailability("diagnosis", new ShownCount(31, 5), [("2021", new ShownCount(25, 5)), ("2022", new ShownCount(null, 5, Suppression.Group))])],
    };
}
