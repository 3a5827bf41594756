using System.Diagnostics;
using System.Globalization;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Pseudonymization;

namespace Lake.Bench.Audit;

/// <summary>
/// What sealing costs per audit entry: the plain-hash append of before beside the sealed one
/// (seal, Merkle tree update, signed checkpoint appended and flushed to disk), each on a fresh
/// database grown to the same size first, interleaved round by round. Timings are per append,
/// measured around the call, as a caller waits for it.
/// </summary>
internal static class AuditBenchmark
{
    public static int Run(string[] args)
    {
        var entries = Option(args, "--entries", 2000);
        var prefill = Option(args, "--prefill", 0);
        var rounds = Option(args, "--rounds", 3);
        var work = Path.GetFullPath(Text(args, "--work") ?? Path.Combine("artifacts", "bench", "audit"));
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var keyRing = KeyRing.OpenOrCreate(Path.Combine(work, "keys", "keyring.json"), TimeProvider.System);
        // Checkpoints on memory-backed storage, where fsync costs nothing: what sealing costs without the disk.
        var memory = Directory.Exists("/dev/shm") ? Path.Combine("/dev/shm", $"lake-audit-bench-{Environment.ProcessId}") : null;

        var variants = new List<(string Name, Func<string, Action<int>> Make)>
        {
            ("plain-chain", folder => Plain(folder)),
            ("sealed", folder => Sealed(folder, keyRing, null)),
        };
        if (memory is not null)
            variants.Add(("sealed, checkpoints in /dev/shm", folder => Sealed(folder, keyRing, Path.Combine(memory, Path.GetFileName(folder) + ".checkpoints"))));

        var timings = variants.ToDictionary(v => v.Name, _ => new List<double>());
        // CPU time of this process over the timed appends: what the append costs whatever else the machine runs.
        var cpu = variants.ToDictionary(v => v.Name, _ => TimeSpan.Zero);
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, make) in variants)
                {
                    var folder = Path.Combine(work, $"{round}-{timings.Keys.ToList().IndexOf(name)}");
                    var append = make(folder);
                    for (var i = 0; i < prefill; i++)
                        append(i);
                    var clock = new Stopwatch();
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    for (var i = 0; i < entries; i++)
                    {
                        clock.Restart();
                        append(prefill + i);
                        timings[name].Add(clock.Elapsed.TotalMicroseconds);
                    }

                    cpu[name] += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{entries} appends x {rounds} rounds per variant, after {prefill} entries; microseconds per append"));
            Console.WriteLine("| variant | mean | median | p95 | CPU |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var (name, values) in timings)
            {
                values.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {values.Average():0} | {values[values.Count / 2]:0} | {values[(int)(values.Count * 0.95)]:0} | {cpu[name].TotalMicroseconds / values.Count:0} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HMAC of one entry under the audit key: {MacNanoseconds(keyRing):0} ns"));
            return 0;
        }
        finally
        {
            if (memory is not null && Directory.Exists(memory))
                Directory.Delete(memory, recursive: true);
        }
    }

    private static Action<int> Plain(string folder)
    {
        var log = new PlainChainLog(new ControlPlaneDataSource(Path.Combine(folder, "lake.db")), TimeProvider.System);
        return i => Decide(log.Append, i);
    }

    private static Action<int> Sealed(string folder, KeyRing keyRing, string? checkpointFile)
    {
        var log = new AuditLog(new ControlPlaneDataSource(Path.Combine(folder, "lake.db")), keyRing,
            new AuditOptions { CheckpointFile = checkpointFile ?? Path.Combine(folder, "checkpoints"), Syslog = false }, TimeProvider.System);
        return i => Decide((actor, action, subject, outcome, detail) => log.Append(actor, action, subject, outcome, detail), i);
    }

    // A decision of the usual size: a user, a request, the permit and the reason.
    private static void Decide(Action<string, string, string, string, string> append, int i) =>
        append($"researcher{i % 50}", "request.submit", $"request {Guid.NewGuid()}", i % 7 == 0 ? "refused" : "accepted",
            $"permit P-{i % 20}; roles researcher; channel token; {(i % 7 == 0 ? "the specification reaches outside the permit" : "")}");

    private static double MacNanoseconds(KeyRing keyRing)
    {
        var message = new byte[200];
        for (var i = 0; i < 10_000; i++)
            keyRing.AuthenticateAudit(message);
        var clock = Stopwatch.StartNew();
        const int Count = 200_000;
        for (var i = 0; i < Count; i++)
            keyRing.AuthenticateAudit(message);
        return clock.Elapsed.TotalNanoseconds / Count;
    }

    private static int Option(string[] args, string name, int fallback) =>
        Text(args, name) is { } text ? int.Parse(text.Replace("k", "000", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;

    private static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
