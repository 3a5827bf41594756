using Lake.Contracts.Files;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Lake.Extract.Costs;

/// <summary>The data service's prices, kept in a YAML file the service edits (examples/pricing.yaml).</summary>
public sealed class PriceList
{
    public string Currency { get; set; } = "EUR";

    public decimal BaseFee { get; set; }

    public decimal PerRegister { get; set; }

    public decimal PerMillionRows { get; set; }

    /// <summary>Per thousand patient record texts, which need scrubbing and review.</summary>
    public decimal PerThousandTexts { get; set; }

    public decimal StaffHourRate { get; set; }

    public decimal StaffHoursBase { get; set; }

    public decimal StaffHoursPerRegister { get; set; }

    /// <summary>The hospital covers the costs of its own research projects when this is set.</summary>
    public bool InternalProjectsFree { get; set; }

    public static PriceList Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Price list '{path}' does not exist; see examples/pricing.yaml.");
        try
        {
            return new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                .Deserialize<PriceList>(RegularFile.ReadText(path, 1024 * 1024, "Price list")) ?? throw new InvalidDataException($"Price list '{path}' is empty.");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"{path}, line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}");
        }
    }
}
