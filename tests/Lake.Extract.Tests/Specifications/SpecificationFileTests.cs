using Lake.Extract.Specifications;

namespace Lake.Extract.Tests.Specifications;

/// <summary>A specification is a regular file read no further than its limit: a device is refused before it is read.</summary>
public sealed class SpecificationFileTests
{
    [TestCase("/dev/zero")]
    [TestCase("/dev/null")]
    public void Load_Device_IsRefusedBeforeItIsRead(string device)
    {
        Assume.That(OperatingSystem.IsLinux(), "the device files are Linux's");

        Assert.That(() => SpecificationReader.Load(device), Throws.TypeOf<SpecificationException>().With.Message.Contains("is a device, pipe or socket, not a file"));
    }

    [Test]
    public void Load_FileLargerThanTheLimit_IsRefusedWithTheLimit()
    {
        var path = Path.Combine(Path.GetTempPath(), "lake-large-spec-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, "title: " + new string('x', SpecificationReader.MaxBytes));
        try
        {
            Assert.That(() => SpecificationReader.Load(path), Throws.TypeOf<SpecificationException>().With.Message.Contains("is larger than 256 KiB"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
