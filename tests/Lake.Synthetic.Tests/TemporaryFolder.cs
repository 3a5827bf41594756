namespace Lake.Synthetic.Tests;

/// <summary>A fresh folder under the system temp folder, removed when the test is done.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lake-synthetic-tests-" + Guid.NewGuid().ToString("N"));
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
