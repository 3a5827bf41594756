using Lake.Extract.Costs;

namespace Lake.Extract.Tests.Costs;

/// <summary>A price list that is not YAML, or not a price list, is one line naming the file and place.</summary>
public sealed class PriceListTests
{
    [TestCase("currency: EUR\nbase_fee: [100\n", "line 2, column 11")]
    [TestCase("currency: EUR\nitems: [a]\n", "line 2, column 1: Property 'items' not found")]
    public void Load_BrokenFile_NamesFileLineAndColumn(string text, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), "lake-pricing-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, text);
        try
        {
            Assert.That(() => PriceList.Load(path), Throws.TypeOf<InvalidDataException>().With.Message.StartsWith(path + ", " + expected.Split(',')[0]).And.Message.Contains(expected));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
