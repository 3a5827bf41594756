using Lake.Bench.Audit;

return AuditBenchmark.Run(args);
