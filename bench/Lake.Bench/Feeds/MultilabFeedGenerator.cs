using System.Text;
using Lake.Pseudonymization;

namespace Lake.Bench.Feeds;

/// <summary>
/// Writes a Multilab laboratory feed (UTF-8 TSV, Finnish <c>dd.MM.yyyy HH:mm</c> times, decimal
/// comma) of any length, straight into a byte buffer: no string per row, so ten million rows take
/// seconds and the generator never shows up in what the benchmark measures. Rows come in samples
/// (one person, one time, one ordering unit, a panel of one to eight tests), samples in random person
/// order; every row is valid, so every variant writes the same rows.
/// </summary>
internal sealed class MultilabFeedGenerator
{
    /// <summary>Bump when the output changes, so cached feeds of the old shape are not reused.</summary>
    public const int Version = 1;

    public const string Header = "HETU\tTUTKIMUSNRO\tLYHENNE\tNAYTTEENOTTOAIKA\tTULOS\tYKSIKKO\tTILAAJA";

    private const int BufferSize = 1 << 20;
    private const int LongestRow = 512;

    private static readonly int FirstSampleDay = new DateOnly(2000, 1, 1).DayNumber;
    private static readonly int LastSampleDay = new DateOnly(2025, 12, 31).DayNumber;
    private static readonly int FirstBirthDay = new DateOnly(1925, 1, 1).DayNumber;
    private static readonly int LastBirthDay = new DateOnly(2022, 12, 31).DayNumber;

    private readonly long _rows;
    private readonly int _persons;
    private readonly ulong _seed;
    private readonly FastRandom _random;
    private readonly byte[][] _codes;
    private readonly byte[][] _names;
    private readonly byte[][] _units;
    private readonly byte[][] _censored;
    private readonly byte[][] _orderers;
    private readonly byte[] _testByWeight;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;

    public MultilabFeedGenerator(long rows, int persons, ulong seed)
    {
        _rows = rows;
        _persons = persons;
        _seed = seed;
        _random = new FastRandom(seed);
        var tests = LabTestCatalog.Tests;
        _codes = tests.Select(t => Encoding.UTF8.GetBytes(t.Code)).ToArray();
        _names = tests.Select(t => Encoding.UTF8.GetBytes(t.Abbreviation)).ToArray();
        _units = tests.Select(t => Encoding.UTF8.GetBytes(t.Unit)).ToArray();
        _censored = tests.Select(t => Encoding.UTF8.GetBytes(t.CensoredText ?? "")).ToArray();
        _orderers = LabTestCatalog.Orderers.Select(Encoding.UTF8.GetBytes).ToArray();
        // Picking a test is one table lookup: each test index appears as often as its weight.
        _testByWeight = tests.SelectMany((t, i) => Enumerable.Repeat((byte)i, t.Weight)).ToArray();
    }

    public FeedInfo WriteTo(Stream output)
    {
        var (hetus, firstDays) = CreatePersons();
        var seen = new bool[_persons];
        var distinct = 0;
        long bytes = 0;

        Append(Encoding.UTF8.GetBytes(Header + "\n"));
        long written = 0;
        while (written < _rows)
        {
            var person = _random.Next(_persons);
            if (!seen[person])
            {
                seen[person] = true;
                distinct++;
            }

            var day = firstDays[person] + _random.Next(LastSampleDay - firstDays[person] + 1);
            // Most samples are drawn on weekday mornings and afternoons; the rest by the emergency units round the clock.
            var minute = _random.Chance(0.85) ? 420 + _random.Next(540) : _random.Next(1440);
            var orderer = _orderers[_random.Next(_orderers.Length)];
            var panel = PanelSize();
            var taken = 0UL;
            for (var p = 0; p < panel && written < _rows; p++)
            {
                var test = PickTest(ref taken);
                if (_used > BufferSize - LongestRow)
                    bytes += Flush(output);
                WriteRow(hetus.AsSpan(person * 11, 11), test, day, minute, orderer);
                written++;
            }
        }

        bytes += Flush(output);
        return new FeedInfo(_rows, bytes, _persons, distinct, _seed, Version);
    }

    private (byte[] Hetus, int[] FirstDays) CreatePersons()
    {
        var hetus = new byte[_persons * 11];
        var firstDays = new int[_persons];
        var unique = new HashSet<string>(_persons, StringComparer.Ordinal);
        for (var i = 0; i < _persons; i++)
        {
            string code;
            int birthDay;
            do
            {
                birthDay = FirstBirthDay + _random.Next(LastBirthDay - FirstBirthDay + 1);
                code = Hetu.Create(DateOnly.FromDayNumber(birthDay), 2 + _random.Next(898)).Value;
            }
            while (!unique.Add(code));

            Encoding.ASCII.GetBytes(code, hetus.AsSpan(i * 11, 11));
            // No sample before the day after birth: Lake would rightly quarantine it, and the plain
            // DuckDB variants would not, so the variants would write different rows.
            firstDays[i] = Math.Max(FirstSampleDay, birthDay + 1);
        }

        return (hetus, firstDays);
    }

    /// <summary>One to eight tests, mostly two or three.</summary>
    private int PanelSize()
    {
        var size = 1;
        while (size < 8 && _random.Chance(0.6))
            size++;
        return size;
    }

    private int PickTest(ref ulong taken)
    {
        // A panel has no test twice; after a few collisions a repeat is allowed rather than looping long.
        int test;
        var attempts = 0;
        do
        {
            test = _testByWeight[_random.Next(_testByWeight.Length)];
        }
        while ((taken & (1UL << test)) != 0 && ++attempts < 8);

        taken |= 1UL << test;
        return test;
    }

    private void WriteRow(ReadOnlySpan<byte> hetu, int test, int day, int minute, byte[] orderer)
    {
        var spec = LabTestCatalog.Tests[test];
        Append(hetu);
        Append((byte)'\t');
        Append(_codes[test]);
        Append((byte)'\t');
        Append(_names[test]);
        Append((byte)'\t');
        var date = DateOnly.FromDayNumber(day);
        AppendDigits(date.Day, 2);
        Append((byte)'.');
        AppendDigits(date.Month, 2);
        Append((byte)'.');
        AppendDigits(date.Year, 4);
        Append((byte)' ');
        AppendDigits(minute / 60, 2);
        Append((byte)':');
        AppendDigits(minute % 60, 2);
        Append((byte)'\t');
        WriteResult(spec, test);
        Append((byte)'\t');
        Append(_units[test]);
        Append((byte)'\t');
        Append(orderer);
        Append((byte)'\n');
    }

    private void WriteResult(LabTestSpec spec, int test)
    {
        if (spec.IsQualitative)
        {
            Append(_random.Chance(spec.PositiveShare) ? "pos"u8 : "neg"u8);
            return;
        }

        if (spec.CensoredText is not null && _random.Chance(spec.CensoredShare))
        {
            Append(_censored[test]);
            return;
        }

        AppendDecimalComma(ValueOf(spec), spec.Decimals);
    }

    /// <summary>Normal around the mean; log-normal with the same mean and spread for skewed tests such as CRP.</summary>
    private double ValueOf(LabTestSpec spec)
    {
        var smallest = Math.Pow(10, -spec.Decimals);
        if (spec.Sd > spec.Mean * 0.5)
        {
            var sigma = Math.Sqrt(Math.Log(1 + (spec.Sd * spec.Sd / (spec.Mean * spec.Mean))));
            return Math.Max(smallest, spec.Mean * Math.Exp((sigma * _random.NextNormal()) - (sigma * sigma / 2)));
        }

        return Math.Max(smallest, spec.Mean + (spec.Sd * _random.NextNormal()));
    }

    private void AppendDecimalComma(double value, int decimals)
    {
        var scale = decimals switch { 0 => 1L, 1 => 10L, 2 => 100L, _ => (long)Math.Pow(10, decimals) };
        var scaled = (long)Math.Round(value * scale, MidpointRounding.AwayFromZero);
        AppendNumber(scaled / scale);
        if (decimals > 0)
        {
            Append((byte)',');
            AppendDigits((int)(scaled % scale), decimals);
        }
    }

    private void AppendNumber(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        var count = 0;
        do
        {
            digits[count++] = (byte)('0' + (value % 10));
            value /= 10;
        }
        while (value > 0);

        for (var i = count - 1; i >= 0; i--)
            _buffer[_used++] = digits[i];
    }

    private void AppendDigits(int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            _buffer[_used + i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        _used += width;
    }

    private void Append(byte value) => _buffer[_used++] = value;

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private int Flush(Stream output)
    {
        var flushed = _used;
        output.Write(_buffer, 0, _used);
        _used = 0;
        return flushed;
    }
}
