using Lake.Pseudonymization;

namespace Lake.Synthetic.Tests;

public sealed class HetuTypoTests
{
    [Test]
    public void WithWrongCheckCharacter_ValidCodes_FailOnlyTheCheckCharacter()
    {
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var valid = Hetu.Create(new DateOnly(1930, 1, 1).AddDays(random.Next(31_000)), random.Next(2, 1000)).Value;

            var broken = HetuTypo.WithWrongCheckCharacter(valid, random);

            Assert.That(broken[..10], Is.EqualTo(valid[..10]));
            Assert.That(Hetu.Validate(broken), Is.EqualTo(HetuError.CheckCharacter), broken);
        }
    }
}
