using System.Text.Json;
using Lake.Bench;
using Lake.Bench.Feeds;
using Lake.Bench.Profiling;
using Lake.Bench.Reporting;
using Lake.Bench.Variants;

var arguments = BenchArguments.Parse(args);
switch (arguments.Command)
{
    case "generate":
        FeedCache.GetOrCreate(arguments.DataFolder, arguments.Rows, arguments.Persons ?? FeedCache.DefaultPersons(arguments.Rows), Console.Out);
        return 0;
    case "profile":
        return await PipelineProfiler.RunAsync(arguments, CancellationToken.None);
    case "variant":
        var feed = arguments.Feed ?? throw new ArgumentException("variant needs --feed.");
        var result = arguments.VariantName is VariantNames.Lake or VariantNames.LakePkcs11
            ? await LakeIngestVariant.RunAsync(arguments.VariantName, feed, arguments.WorkFolder, arguments.RepositoryRoot, arguments.RowGroupSize)
            : DuckDbCopyVariant.Run(arguments.VariantName!, feed, arguments.WorkFolder);
        Console.WriteLine(ChildProcessRunner.ResultPrefix + JsonSerializer.Serialize(result, BenchJson.Line));
        return 0;
    default:
        return await IngestBenchmark.RunAsync(arguments, CancellationToken.None);
}
