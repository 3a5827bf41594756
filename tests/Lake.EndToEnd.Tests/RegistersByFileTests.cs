using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Lake.Contracts.Lake;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Delivery;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Registers that exist only as files in this test's data folder: a new register is ingested,
/// catalogued, permitted, used in a cohort criterion and delivered; a register that gains a column
/// and widens another is read across both versions, and a delivery made before the change replays
/// byte-identical. No program changes, only files.
/// </summary>
[TestFixture]
[NonParallelizable] // Drives the CLI, which writes to the console.
public sealed class RegistersByFileTests : LakePipelineFixture
{
    private const string Echocardiography = """
        # Echocardiography: one row per measured quantity of a cardiac ultrasound examination.
        name: echocardiography
        version: 1
        title: Echocardiography measurements
        description: Measurements of cardiac ultrasound examinations, one row per quantity.
        event_column: exam_time
        partitioning: [source, year]
        event_key: [exam_time, quantity]
        measurement: { code: quantity, value: value, unit: unit, time: exam_time }
        columns:
          - { name: exam_time, type: timestamp, required: true, description: Time of the examination. }
          - { name: quantity, type: text, required: true, description: "Measured quantity, e.g. LVEF." }
          - { name: value, type: double, unit: "%", description: Measured value. }
          - { name: unit, type: text, description: Unit of the value. }
        sources:
          - { system: Echo, from: 2015 }
        """;

    private const string EchoDescriptor = """
        system: Echo
        register: echocardiography
        description: The echocardiography department's nightly export.
        years: { from: 2015 }
        format: { kind: delimited, delimiter: ";", header: true, encoding: utf-8 }
        identity: HETU
        columns:
          exam_time: { from: AIKA, format: "dd.MM.yyyy HH:mm" }
          quantity: { from: SUURE }
          value: { from: ARVO, decimal: comma }
          unit: { from: YKSIKKO }
        """;

    private const string DeviceV1 = """
        name: cardiac_device
        version: 1
        title: Cardiac device readings
        description: Readings sent by implanted cardiac devices.
        event_column: read_at
        partitioning: [source, year]
        event_key: [read_at, item]
        columns:
          - { name: read_at, type: timestamp, required: true, description: When the device sent the reading. }
          - { name: item, type: text, required: true, description: What the device reported. }
          - { name: reading, type: integer, description: The reading as the device sends it. }
        sources:
          - { system: Devicelink, from: 2019 }
        """;

    /// <summary>Version 2: one column added, one widened from integer to bigint.</summary>
    private static readonly string DeviceV2 = DeviceV1
        .Replace("version: 1", "version: 2", StringComparison.Ordinal)
        .Replace("name: reading, type: integer,", "name: reading, type: bigint,", StringComparison.Ordinal)
        .Replace("sources:", "  - { name: battery_volts, type: double, unit: V, description: Battery voltage at the reading. }\nsources:", StringComparison.Ordinal);

    private const string DeviceDescriptorV1 = """
        system: Devicelink
        register: cardiac_device
        description: Remote monitoring export.
        years: { from: 2019 }
        format: { kind: delimited, delimiter: ",", header: true, encoding: utf-8 }
        identity: hetu
        columns:
          read_at: { from: read_at, format: "yyyy-MM-dd HH:mm" }
          item: { from: item }
          reading: { from: reading }
        """;

    private static readonly string DeviceDescriptorV2 = DeviceDescriptorV1 + "\n  battery_volts: { from: battery }\n";

    private string RegistersFolder => Path.Combine(Data, "registers");

    private string Extra => Path.Combine(Root, "extra");

    [Test]
    public async Task NewRegister_ByFilesAlone_IsIngestedCataloguedPermittedFilteredAndDelivered()
    {
        Directory.CreateDirectory(RegistersFolder);
        Directory.CreateDirectory(Extra);
        var registerFile = Path.Combine(RegistersFolder, "echocardiography.yaml");
        await File.WriteAllTextAsync(registerFile, Echocardiography);
        var descriptor = Path.Combine(Extra, "echo-echocardiography.yaml");
        await File.WriteAllTextAsync(descriptor, EchoDescriptor);

        // Diabetics of the cohort period; every other one has a reduced ejection fraction.
        var diabetics = CohortFromTruth().Keys.Order(StringComparer.Ordinal).ToList();
        var reduced = diabetics.Where((_, i) => i % 2 == 0).ToHashSet();
        var feed = new StringBuilder("HETU;AIKA;SUURE;ARVO;YKSIKKO\n");
        foreach (var hetu in diabetics)
        {
            feed.Append(CultureInfo.InvariantCulture, $"{hetu};01.06.2021 10:00;LVEF;{(reduced.Contains(hetu) ? "30,5" : "58,0")};%\n");
            feed.Append(CultureInfo.InvariantCulture, $"{hetu};01.06.2021 10:00;LVEDD;52;mm\n");
        }

        feed.Append("999999-999X;01.06.2021 10:00;LVEF;40;%\n");
        var feedPath = Path.Combine(Extra, "echo.csv");
        await File.WriteAllTextAsync(feedPath, feed.ToString());

        Assert.That((await Console("staff", "registers", "validate", registerFile)).ExitCode, Is.Zero);
        Assert.That(await Lake("ingest", "--source", descriptor, feedPath), Is.Zero);
        var catalog = await Console("alice", "catalog", "--json");
        Assert.That(catalog.Output, Does.Contain("\"echocardiography\""));
        var shown = await Console("alice", "registers", "show", "echocardiography");
        Assert.That(shown.Output, Does.Contain("Echocardiography measurements").And.Contain("1 batch of version 1"));

        await AddPermit("ECHO-1", "echo-study", "2099-12-31", "diagnosis", "patient_background", "echocardiography");
        var specification = Path.Combine(Extra, "echo-study.yaml");
        await File.WriteAllTextAsync(specification, """
            version: 1
            title: Diabetes with reduced ejection fraction
            cohort:
              include:
                all:
                  - diagnosis: { icd10: [E11], index: true }
                  - measurement: { register: echocardiography, codes: [LVEF], max: 40 }
              from: 2020-01-01
              to: 2025-12-31
            datasets:
              - register: patient_background
              - register: echocardiography
                from: 2015-01-01
                to: 2025-12-31
            """);
        Assert.That(await Lake("request", "submit", specification, "--permit", "ECHO-1", "--as", "alice"), Is.Zero);

        var record = (await AllRequestsAsync()).Single(r => r.PermitId == "ECHO-1");
        Assert.That(record.State, Is.EqualTo(RequestState.Delivered), record.Reason);
        var manifest = Manifest(record);
        var echo = manifest.Files.Single(f => f.Name == "echocardiography.parquet");
        Assert.Multiple(() =>
        {
            Assert.That(manifest.CohortSize, Is.EqualTo(reduced.Count), "the measurement criterion selects the reduced ejection fractions");
            Assert.That(echo.Rows, Is.EqualTo(2 * reduced.Count), "both quantities of every member");
            Assert.That(echo.RegisterVersion, Is.EqualTo(1));
            Assert.That(File.ReadAllText(Path.Combine(record.DeliveryFolder!, "README.md")), Does.Contain("Echocardiography measurements").And.Contain("Unit: %."));
        });

        var commit = new CommitLog(new LakeLayout(Path.Combine(Data, "lake"))).ReadAll().Single(c => c.Register == "echocardiography");
        Assert.That(commit.RowsQuarantined, Is.EqualTo(1), "the invalid identity code");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Data, "lake"), "*", SearchOption.AllDirectories))
        {
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.That(diabetics.Where(text.Contains), Is.Empty, file);
        }
    }

    [Test]
    public async Task Register_ColumnAddedAndWidened_ReadsBothVersionsAndAnEarlierDeliveryReplaysIdentically()
    {
        Directory.CreateDirectory(RegistersFolder);
        Directory.CreateDirectory(Extra);
        var registerFile = Path.Combine(RegistersFolder, "cardiac_device.yaml");
        var descriptor = Path.Combine(Extra, "devicelink-cardiac-device.yaml");
        var diabetics = CohortFromTruth().Keys.Order(StringComparer.Ordinal).ToList();

        await File.WriteAllTextAsync(registerFile, DeviceV1);
        await File.WriteAllTextAsync(descriptor, DeviceDescriptorV1);
        var before = Path.Combine(Extra, "devices-2021.csv");
        await File.WriteAllLinesAsync(before, ["hetu,read_at,item,reading", .. diabetics.Select(h => $"{h},2021-03-01 08:00,pacing_percent,97")]);
        Assert.That(await Lake("ingest", "--source", descriptor, before), Is.Zero);

        await AddPermit("DEVICE-1", "device-study", "2099-12-31", "diagnosis", "patient_background", "cardiac_device");
        var specification = Path.Combine(Extra, "device-study.yaml");
        await File.WriteAllTextAsync(specification, """
            version: 1
            title: Device readings of diabetics
            cohort: { icd10: [E11], from: 2020-01-01, to: 2025-12-31 }
            datasets:
              - register: cardiac_device
                from: 2019-01-01
                to: 2025-12-31
            """);
        Assert.That(await Lake("request", "submit", specification, "--permit", "DEVICE-1", "--as", "alice"), Is.Zero);
        var first = (await AllRequestsAsync()).Single(r => r.PermitId == "DEVICE-1");
        Assert.That(first.State, Is.EqualTo(RequestState.Delivered), first.Reason);

        // The change, seen before it is applied, then applied by replacing the file.
        var proposed = Path.Combine(Extra, "cardiac_device.v2.yaml");
        await File.WriteAllTextAsync(proposed, DeviceV2);
        var diff = await Console("staff", "registers", "diff", "cardiac_device", proposed);
        Assert.That(diff.ExitCode, Is.Zero, diff.Output);
        Assert.That(diff.Output, Does.Contain("add column battery_volts").And.Contain("widen reading from integer to bigint").And.Contain("read it as null"));
        await File.WriteAllTextAsync(registerFile, DeviceV2);
        await File.WriteAllTextAsync(descriptor, DeviceDescriptorV2);
        var after = Path.Combine(Extra, "devices-2023.csv");
        await File.WriteAllLinesAsync(after, ["hetu,read_at,item,reading,battery", .. diabetics.Select(h => $"{h},2023-03-01 08:00,impedance_milliohm,5000000000,2.9")]);
        Assert.That(await Lake("ingest", "--source", descriptor, after), Is.Zero);

        Assert.That(await Lake("request", "submit", specification, "--permit", "DEVICE-1", "--as", "alice"), Is.Zero);
        var second = (await AllRequestsAsync()).Where(r => r.PermitId == "DEVICE-1").Single(r => r.Id != first.Id);
        Assert.That(second.State, Is.EqualTo(RequestState.Delivered), second.Reason);
        var rows = ReadRows(Path.Combine(second.DeliveryFolder!, "cardiac_device.parquet"));
        Assert.Multiple(() =>
        {
            Assert.That(Manifest(second).Files.Single(f => f.Register == "cardiac_device").RegisterVersion, Is.EqualTo(2));
            Assert.That(rows, Has.Count.EqualTo(2 * diabetics.Count));
            Assert.That(rows.Where(r => r.Item == "pacing_percent").Select(r => (r.Reading, r.Battery)), Has.All.EqualTo((97L, (double?)null)), "older batches read the added column as null");
            Assert.That(rows.Where(r => r.Item == "impedance_milliohm").Select(r => (r.Reading, r.Battery)), Has.All.EqualTo((5_000_000_000L, (double?)2.9)), "the widened column holds values past 32 bits");
        });

        Assert.That(await Lake("request", "replay", first.Id.ToString(), "--as", "bob"), Is.Zero);
        var replay = (await AllRequestsAsync()).Where(r => r.PermitId == "DEVICE-1").Single(r => r.Id != first.Id && r.Id != second.Id);
        Assert.That(replay.State, Is.EqualTo(RequestState.Delivered), replay.Reason);
        var original = Manifest(first);
        var replayed = Manifest(replay);
        Assert.That(replayed.Files.Select(f => (f.Name, f.Sha256, f.RegisterVersion)), Is.EqualTo(original.Files.Select(f => (f.Name, f.Sha256, f.RegisterVersion))),
            "read with version 1, as the original was");
        foreach (var file in original.Files)
            Assert.That(Sha256(Path.Combine(replay.DeliveryFolder!, file.Name)), Is.EqualTo(file.Sha256), file.Name);
    }

    [Test]
    public async Task Register_NarrowedAfterBatchesHoldIt_IsRefusedWithTheReasonAndIngestsNothing()
    {
        Directory.CreateDirectory(RegistersFolder);
        Directory.CreateDirectory(Extra);
        var registerFile = Path.Combine(RegistersFolder, "cardiac_monitor.yaml");
        var monitor = DeviceV2.Replace("cardiac_device", "cardiac_monitor", StringComparison.Ordinal).Replace("version: 2", "version: 1", StringComparison.Ordinal);
        await File.WriteAllTextAsync(registerFile, monitor);
        var descriptor = Path.Combine(Extra, "devicelink-cardiac-monitor.yaml");
        await File.WriteAllTextAsync(descriptor, DeviceDescriptorV2.Replace("cardiac_device", "cardiac_monitor", StringComparison.Ordinal));
        var someone = CohortFromTruth().Keys.First();
        var feed = Path.Combine(Extra, "monitor.csv");
        await File.WriteAllLinesAsync(feed, ["hetu,read_at,item,reading,battery", $"{someone},2022-01-01 08:00,impedance_milliohm,5000000000,2.9"]);
        Assert.That(await Lake("ingest", "--source", descriptor, feed), Is.Zero);

        var narrowed = monitor.Replace("version: 1", "version: 2", StringComparison.Ordinal).Replace("name: reading, type: bigint", "name: reading, type: integer", StringComparison.Ordinal);
        var proposed = Path.Combine(Extra, "cardiac_monitor.narrowed.yaml");
        await File.WriteAllTextAsync(proposed, narrowed);
        var validation = await Console("staff", "registers", "validate", proposed);
        Assert.That(validation.ExitCode, Is.EqualTo(2));
        Assert.That(validation.Output, Does.Contain("refused").And.Contain("Narrowing would cut values"));

        await File.WriteAllTextAsync(registerFile, narrowed);
        var later = Path.Combine(Extra, "monitor-later.csv");
        await File.WriteAllLinesAsync(later, ["hetu,read_at,item,reading,battery", $"{someone},2022-02-01 08:00,impedance_milliohm,7,2.8"]);
        var ingest = await Console("staff", "ingest", "--source", descriptor, later);
        Assert.That(ingest.ExitCode, Is.EqualTo(2));
        Assert.That(ingest.Output, Does.Contain("Narrowing would cut values").And.Not.Contain("   at "));
        Assert.That(new CommitLog(new LakeLayout(Path.Combine(Data, "lake"))).ReadAll().Count(c => c.Register == "cardiac_monitor"), Is.EqualTo(1));
        await File.WriteAllTextAsync(registerFile, monitor); // The fixture's other tests read this data folder's registers.
    }

    private Task<LakeConsole.Result> Console(string user, params string[] args) =>
        LakeUsers.AsAsync(Data, KeyRingPath, user == "staff" ? LakeUsers.Staff : user,
            () => LakeConsole.RunAsync([.. args, "--data", Data, "--keyring", KeyRingPath, "--sources", RepositoryPaths.Sources]));

    private static DeliveryManifest Manifest(RequestRecord record) =>
        JsonSerializer.Deserialize<DeliveryManifest>(File.ReadAllText(Path.Combine(record.DeliveryFolder!, "manifest.json")), LakeJson.Options)!;

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static List<(string Item, long Reading, double? Battery)> ReadRows(string parquet)
    {
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = "SELECT item, reading, battery_volts FROM read_parquet($1)";
        command.Parameters.Add(new DuckDBParameter(parquet));
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, double?)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetDouble(2)));
        return rows;
    }
}
