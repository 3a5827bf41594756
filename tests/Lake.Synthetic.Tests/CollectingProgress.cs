namespace Lake.Synthetic.Tests;

/// <summary>Collects reports on the calling thread; <see cref="Progress{T}"/> would post them asynchronously.</summary>
internal sealed class CollectingProgress : IProgress<string>
{
    public List<string> Reports { get; } = [];

    public void Report(string value) => Reports.Add(value);
}
