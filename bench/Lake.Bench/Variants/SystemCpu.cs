using System.Globalization;

namespace Lake.Bench.Variants;

/// <summary>
/// Whole-machine CPU time from /proc/stat. The benchmark machine may be shared; CPU that other
/// processes burned during a measurement is recorded beside it, and a run can wait for a quiet moment.
/// </summary>
internal readonly record struct SystemCpu(double BusySeconds, double StealSeconds)
{
    // USER_HZ is 100 on every Linux the runtime supports.
    private const double TicksPerSecond = 100;

    public static SystemCpu Now()
    {
        if (!File.Exists("/proc/stat"))
            return default;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal ...: busy is everything but idle and iowait.
        var total = fields.Take(8).Sum();
        var busy = total - fields[3] - fields[4];
        return new SystemCpu(busy / TicksPerSecond, fields[7] / TicksPerSecond);
    }

    public static SystemCpu operator -(SystemCpu after, SystemCpu before) =>
        new(after.BusySeconds - before.BusySeconds, after.StealSeconds - before.StealSeconds);

    /// <summary>Waits until the other processes use less than <paramref name="busyCores"/> cores over two seconds, or until the timeout.</summary>
    public static async Task<double> WaitForQuietAsync(double busyCores, TimeSpan timeout, TextWriter log, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var announced = false;
        while (true)
        {
            var before = Now();
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var busy = (Now() - before).BusySeconds / 2;
            if (busy < busyCores || DateTime.UtcNow >= deadline)
            {
                if (busy >= busyCores)
                    log.WriteLine($"  machine still busy ({busy:N2} cores in use by others); measuring anyway");
                return busy;
            }

            if (!announced)
            {
                log.WriteLine($"  waiting for other processes to settle ({busy:N2} cores busy) ...");
                announced = true;
            }
        }
    }
}
