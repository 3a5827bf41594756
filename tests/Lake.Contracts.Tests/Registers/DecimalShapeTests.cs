using Lake.Contracts.Registers;

namespace Lake.Contracts.Tests.Registers;

/// <summary>Number columns declared decimal(p,s): read from register files, checked, compared between versions.</summary>
public sealed class DecimalShapeTests
{
    [Test]
    public void Read_DecimalColumn_IsANumberColumnWithItsDigits()
    {
        var text = RegisterFiles.With(RegisterFiles.Echocardiography, "name: value, type: double,", "name: value, type: \"decimal(6,2)\",");

        var value = RegisterFileReader.Read(text, "echo.yaml").FindColumn("value")!;

        Assert.Multiple(() =>
        {
            Assert.That(value.Type, Is.EqualTo(ColumnType.Double), "stored as a double, so number filters, ranges and measurements treat it as one");
            Assert.That(value.Decimal, Is.EqualTo(new DecimalShape(6, 2)));
            Assert.That(RegisterFileReader.TypeName(value), Is.EqualTo("decimal(6,2)"));
            Assert.That(value.Decimal!.SqlType, Is.EqualTo("DECIMAL(6,2)"));
        });
    }

    [TestCase("decimal(16,2)")]
    [TestCase("decimal(3,4)")]
    [TestCase("decimal(0,0)")]
    [TestCase("decimal(6)")]
    [TestCase("decimal")]
    public void Check_DecimalWithImpossibleDigits_SaysWhatADecimalTypeLooksLike(string type)
    {
        var text = RegisterFiles.With(RegisterFiles.Echocardiography, "name: value, type: double,", $"name: value, type: \"{type}\",");

        var problems = RegisterFileReader.Check(text, "echo.yaml", out var register);

        Assert.Multiple(() =>
        {
            Assert.That(register, Is.Null);
            Assert.That(problems.Select(p => p.Message), Has.Some.Contains($"columns.value.type: '{type}' must be decimal(p,s) with 1 to 15 digits"));
        });
    }

    [TestCase(172.5, true)]
    [TestCase(-99.99, true)]
    [TestCase(0.1 + 0.2, true)]
    [TestCase(172.555, false)]
    [TestCase(1000.0, false)]
    [TestCase(double.NaN, false)]
    public void Holds_ValueWithinTheDigits_OnlyThen(double value, bool holds) =>
        Assert.That(new DecimalShape(5, 2).Holds(value), Is.EqualTo(holds));

    [Test]
    public void Compare_DoubleDeclaredDecimal_IsAllowedAndSaysHowStoredValuesAreDelivered()
    {
        var older = RegisterFileReader.Read(RegisterFiles.Echocardiography, "v1");
        var text = RegisterFiles.With(RegisterFiles.Echocardiography, "name: value, type: double,", "name: value, type: \"decimal(6,2)\",").Replace("version: 1", "version: 2", StringComparison.Ordinal);

        var changes = RegisterEvolution.Compare(older, RegisterFileReader.Read(text, "v2"));
        var sameVersion = RegisterEvolution.Compare(older, RegisterFileReader.Read(text.Replace("version: 2", "version: 1", StringComparison.Ordinal), "v1 again"));

        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(c => (c.What, c.Allowed)), Is.EqualTo(new[] { ("deliver value as decimal(6,2) instead of double", true) }));
            Assert.That(changes.Single().EffectOnExistingData, Does.Contain("delivered rounded to 2 decimals"));
            Assert.That(sameVersion.Where(c => !c.Allowed).Select(c => c.What), Is.EqualTo(new[] { "columns changed within version 1" }));
        });
    }
}
