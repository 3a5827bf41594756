using Lake.Bench.Extraction;

try
{
    return await ExtractionBenchmark.RunAsync(ExtractionBenchArguments.Parse(args));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
