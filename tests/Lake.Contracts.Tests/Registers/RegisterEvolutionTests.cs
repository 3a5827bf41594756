using Lake.Contracts.Registers;

namespace Lake.Contracts.Tests.Registers;

/// <summary>Which changes between two versions of a register keep every existing batch readable.</summary>
public sealed class RegisterEvolutionTests
{
    private static readonly RegisterDefinition Version1 = RegisterFileReader.Read(RegisterFiles.Echocardiography, "v1");

    [Test]
    public void Compare_AddWidenRenameDeprecate_AreAllowedWithWhatTheyDoToOlderBatches()
    {
        var text = RegisterFiles.Echocardiography.Replace("version: 1", "version: 2", StringComparison.Ordinal);
        text = RegisterFiles.With(text, "name: reading_count, type: integer,", "name: reading_count, type: bigint,");
        text = RegisterFiles.With(text, "name: unit, type: text,", "name: value_unit, type: text, aliases: [unit],");
        text = RegisterFiles.With(text, "name: statement, type: text, free_text: true,", "name: statement, type: text, free_text: true, deprecated: true,");
        text = RegisterFiles.With(text, "sources:", "  - { name: lvef_method, type: text, description: How LVEF was measured. }\nsources:");
        text = text.Replace("measurement: { code: quantity, value: value, unit: unit,", "measurement: { code: quantity, value: value, unit: value_unit,", StringComparison.Ordinal);

        var changes = RegisterEvolution.Compare(Version1, RegisterFileReader.Read(text, "v2"));

        Assert.Multiple(() =>
        {
            Assert.That(changes, Has.All.Matches<RegisterChange>(c => c.Allowed));
            Assert.That(changes.Select(c => c.What), Is.EquivalentTo(new[]
            {
                "rename unit to value_unit", "widen reading_count from integer to bigint", "deprecate statement", "add column lvef_method (text)",
            }));
            Assert.That(changes.Single(c => c.Column == "lvef_method").EffectOnExistingData, Does.Contain("read it as null"));
        });
    }

    [TestCase("name: reading_count, type: integer,", "name: reading_count, type: text,", "Add a new column")]
    [TestCase("name: value, type: double,", "name: value, type: integer,", "Narrowing would cut values")]
    [TestCase("name: statement, type: text, free_text: true,", "name: statement, type: text,", "Free text is delivered only under a free-text permit")]
    [TestCase("  - { name: reading_count, type: integer, description: Beats averaged. }\n", "", "set 'deprecated: true'")]
    [TestCase("partitioning: [source, year]", "partitioning: [source]", "Existing partitions are laid out the old way")]
    public void Compare_ChangeThatWouldBreakOlderBatches_IsRefusedWithWhatToDoInstead(string line, string replacement, string advice)
    {
        var text = RegisterFiles.With(RegisterFiles.Echocardiography, line, replacement).Replace("version: 1", "version: 2", StringComparison.Ordinal);

        var changes = RegisterEvolution.Compare(Version1, RegisterFileReader.Read(text, "v2"));

        Assert.That(changes.Where(c => !c.Allowed).Select(c => c.RefusedBecause), Has.Some.Contains(advice));
    }

    [Test]
    public void Compare_ColumnsChangedWithoutANewVersion_IsRefused()
    {
        var text = RegisterFiles.With(RegisterFiles.Echocardiography, "sources:", "  - { name: lvef_method, type: text, description: How. }\nsources:");

        var changes = RegisterEvolution.Compare(Version1, RegisterFileReader.Read(text, "v1 edited"));

        Assert.That(changes.Where(c => !c.Allowed).Select(c => c.RefusedBecause), Has.Some.Contains("give the file version 2"));
    }

    [Test]
    public void Compare_DescriptionReworded_IsNoChange()
    {
        var text = RegisterFiles.With(RegisterFiles.Echocardiography, "description: Measured value.", "description: The measured value as the device reports it.");

        Assert.That(RegisterEvolution.Compare(Version1, RegisterFileReader.Read(text, "v1 reworded")), Is.Empty);
    }
}
