using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using Lake.Cli;
using Lake.Cli.Commands;
using Lake.Cli.Serving;
using Lake.Contracts.Permits;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Identity;
using Lake.Extract.Specifications;
using Lake.Synthetic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Lake.DevelopmentCli.Commands;

/// <summary>
/// The whole job at small scale on a fresh data folder: synthetic feeds, ingest, a preliminary
/// study, a permit, a refused and a delivered request, and where everything went.
/// </summary>
internal static class DemoCommand
{
    private const string Marker = ".lake-demo";
    private const string PermitId = "DEMO-2025-001";
    private const string StudyId = "diabetes-demo";

    /// <summary>Where `--serve` keeps the coordinator and its Data Portal: the address `lake serve` uses by default.</summary>
    private const string ServeUrl = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var serve = new Option<bool>("--serve")
        {
            Description = $"Keep the coordinator running when the demo is done, with its Data Portal at {ServeUrl}/portal, and print the demo's accounts to sign in with (Ctrl+C stops it).",
        };
        var command = new Command("demo", "Run Lake end to end on a fresh data folder (default ./lake-demo) with synthetic patients.")
        {
            SynthCommand.Patients, SynthCommand.Seed, serve,
        };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var explicitData = parse.GetResult(GlobalOptions.Data) is { Implicit: false };
            var workspace = new Workspace(explicitData ? parse.GetValue(GlobalOptions.Data)! : "lake-demo", parse.GetValue(GlobalOptions.KeyRing));
            return await RunAsync(workspace, parse.GetValue(GlobalOptions.Sources), parse.GetValue(SynthCommand.Patients), parse.GetValue(SynthCommand.Seed), parse.GetValue(serve),
                cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(Workspace workspace, string? sources, int patients, int seed, bool serve, CancellationToken cancellationToken)
    {
        var signedIn = new Dictionary<string, CachedToken>();
        var clock = Stopwatch.StartNew();
        PrepareFreshFolder(workspace.DataFolder);
        var sourcesFolder = SourceFolder.Resolve(sources);

        AnsiConsole.Write(new Rule("[bold]1. Synthetic source feeds[/]").LeftJustified());
        var truth = FeedGenerator.Write(workspace.FeedsFolder, new SynthOptions { Patients = patients, Seed = seed });
        foreach (var feed in truth.Feeds)
            AnsiConsole.MarkupLine($"{feed.SourceSystem,-9} {feed.Register,-19} {feed.Rows.Count,8:N0} rows  {feed.Rows.Count(r => r.Defect is not null),4} with planted defects");

        AnsiConsole.Write(new Rule("[bold]2. Ingest: validate, pseudonymize, partition, quarantine[/]").LeftJustified());
        await AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                foreach (var feed in truth.Feeds)
                {
                    var task = progress.AddTask(feed.FileName, maxValue: feed.Rows.Count);
                    var descriptor = Ingestion.DescriptorFor(sourcesFolder, feed.SourceSystem, feed.Register);
                    await Ingestion.IngestAsync(workspace, descriptor, Path.Combine(workspace.FeedsFolder, feed.FileName), new Progress<long>(rows => task.Value = rows), cancellationToken);
                    task.Value = task.MaxValue;
                }
            });
        foreach (var batch in new Contracts.Lake.CommitLog(workspace.Layout).ReadAll())
            AnsiConsole.MarkupLine($"{batch.SourceSystem,-9} → {batch.Register,-19} {batch.RowsWritten,8:N0} written {batch.RowsQuarantined,5:N0} quarantined ({string.Join(", ", batch.QuarantinedByReason.Select(p => $"{p.Key} {p.Value}"))})");

        AnsiConsole.Write(new Rule("[bold]3. Accounts and sign-in (the coordinator's own OpenID Connect authority)[/]").LeftJustified());
        var people = new Dictionary<string, (string Password, byte[] Seed)>();
        await using (var identity = await workspace.OpenIdentityStoreAsync(cancellationToken))
        {
            foreach (var (name, role) in new[] { ("dana", LakeRoles.Staff), ("alice", LakeRoles.Researcher), ("bob", LakeRoles.Researcher), ("mallory", LakeRoles.Researcher) })
            {
                var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15));
                await identity.Accounts.AddPersonAsync("lake demo", name, name, [role], password, cancellationToken);
                var enrollment = await identity.Accounts.EnrollTotpAsync("lake demo", name, cancellationToken);
                people[name] = (password, OtpNet.Base32Encoding.ToBytes(enrollment.Base32Secret));
                AnsiConsole.MarkupLine($"{name,-8} {role,-10} password and TOTP second factor enrolled");
            }
        }

        // A fixed address to keep open for a browser; any free one for a run that ends.
        var url = serve ? ServeUrl : $"http://127.0.0.1:{FreeLoopbackPort()}";
        // The console tells the demo's story; the coordinator's own chatter would drown it.
        await using var coordinator = await CoordinatorHost.BuildAsync(workspace, url, configuration => configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" }), cancellationToken);
        try
        {
            await coordinator.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
        {
            throw new ArgumentException($"{url} is in use (another 'lake serve' or 'lake demo --serve'?); stop it, or run the demo without --serve.", e);
        }

        var server = new Uri(url);
        // Each person signs in the way 'lake login' does: device code, password, one-time code,
        // confirmation. Side by side, since each waits out the authority's polling interval.
        string[] signingIn = ["alice", "mallory"];
        var tokens = await Task.WhenAll(signingIn.Select(name => ScriptedSignIn.DeviceFlowAsync(server, name, people[name].Password, people[name].Seed, cancellationToken)));
        foreach (var (name, token) in signingIn.Zip(tokens))
        {
            AnsiConsole.MarkupLine($"{name} signed in at {Markup.Escape(url)} (device flow, password + one-time code)");
            signedIn[name] = token;
        }

        AnsiConsole.Write(new Rule("[bold]4. Preliminary study (no permit, small counts suppressed)[/]").LeftJustified());
        var specPath = Path.Combine(workspace.DataFolder, "diabetes-study.yaml");
        await using (var resource = typeof(DemoCommand).Assembly.GetManifestResourceStream("diabetes-study.yaml")!)
        await using (var file = File.Create(specPath))
            await resource.CopyToAsync(file, cancellationToken);
        var specification = SpecificationReader.Load(specPath, registers: workspace.Registers);
        using (var alice = Client(server, signedIn["alice"]))
            Reports.PrintPreliminaryJson(await alice.PreliminaryAsync(await File.ReadAllTextAsync(specPath, cancellationToken), cancellationToken));

        AnsiConsole.Write(new Rule("[bold]5. Permit and data requests[/]").LeftJustified());
        await workspace.CreatePermitLifecycle().RecordAsync(new Permit
        {
            Id = PermitId,
            StudyId = StudyId,
            Title = specification.Title,
            Registers = ["patient_background", "diagnosis", "laboratory"],
            PeriodFrom = new DateOnly(2015, 1, 1),
            PeriodTo = new DateOnly(2025, 12, 31),
            Expires = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1),
            Members = ["alice", "bob"],
            RecordedAt = workspace.Time.GetUtcNow(),
        }, "dana", cancellationToken);
        AnsiConsole.MarkupLine($"Permit {PermitId} recorded by dana (data-service staff): study {StudyId}, members alice and bob.");
        AnsiConsole.MarkupLine("[bold]mallory[/], signed in but not in the research group, asks for the data:");
        RequestRecord refused;
        using (var mallory = Client(server, signedIn["mallory"]))
            refused = await mallory.SubmitAsync(specification, PermitId, cancellationToken);
        Reports.PrintRequest(refused);
        AnsiConsole.MarkupLine("[bold]alice[/], a member, asks for the data:");
        RequestRecord delivered;
        using (var alice = Client(server, signedIn["alice"]))
        {
            var submitted = await alice.SubmitAsync(specification, PermitId, cancellationToken);
            delivered = await alice.WaitAsync(submitted.Id, TimeSpan.FromMinutes(5), cancellationToken);
        }

        Reports.PrintRequest(delivered);
        if (!serve)
            await coordinator.StopAsync(cancellationToken);

        AnsiConsole.Write(new Rule("[bold]Signing in yourself[/]").LeftJustified());
        if (serve)
            AnsiConsole.MarkupLine($"The Data Portal is open at [bold]{Markup.Escape(url)}/portal[/]; the command line signs in with [bold]./lake login --server {Markup.Escape(url)}[/].");
        else
            AnsiConsole.MarkupLine($"See it in the Data Portal: [bold]./lake demo --serve[/]. Or start the coordinator with [bold]./lake serve --data {Markup.Escape(workspace.DataFolder)}[/], then [bold]./lake login --server {ServeUrl}[/].");
        AnsiConsole.MarkupLine("The demo's accounts (password, then the one-time code of the TOTP key: add the key to an authenticator app, or run [bold]oathtool --totp -b KEY[/]):");
        foreach (var (name, (password, totpSeed)) in people)
            AnsiConsole.MarkupLine($"  {name,-8} password [bold]{Markup.Escape(password)}[/]  TOTP key [bold]{OtpNet.Base32Encoding.ToString(totpSeed)}[/]");

        AnsiConsole.Write(new Rule("[bold]Where everything went[/]").LeftJustified());
        AnsiConsole.MarkupLine($"feeds (contain identity codes; stay outside the lake): {Markup.Escape(workspace.FeedsFolder)}");
        AnsiConsole.MarkupLine($"lake (pseudonymized Parquet + commit records):       {Markup.Escape(workspace.Layout.Root)}");
        AnsiConsole.MarkupLine($"quarantine (bad rows, identity codes removed):       {Markup.Escape(workspace.Layout.QuarantineFolder)}");
        AnsiConsole.MarkupLine($"control plane (permits, requests):                   {Markup.Escape(workspace.ControlPlanePath)}");
        AnsiConsole.MarkupLine($"delivery (study pseudonyms, manifest):               {Markup.Escape(delivered.DeliveryFolder ?? "-")}");
        AnsiConsole.MarkupLine($"key ring (outside the data folder):                  {Markup.Escape(workspace.Keys.Path)}");
        AnsiConsole.MarkupLine($"Done in {clock.Elapsed.TotalSeconds:0.0} s.");
        var succeeded = delivered.State == RequestState.Delivered && refused.State == RequestState.Refused;
        if (serve && succeeded)
        {
            AnsiConsole.MarkupLine($"Serving the Data Portal at [bold]{Markup.Escape(url)}/portal[/] until Ctrl+C.");
            await coordinator.WaitForShutdownAsync(cancellationToken);
        }

        return succeeded ? 0 : 1;
    }

    /// <summary>The demo's people call the coordinator as themselves, each with their own tokens.</summary>
    private static CoordinatorClient Client(Uri server, CachedToken token) => new(server, (_, _) => Task.FromResult(token.AccessToken));

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Only a folder the demo made itself (or an empty one) is wiped, never a real lake.</summary>
    private static void PrepareFreshFolder(string folder)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            if (!File.Exists(Path.Combine(folder, Marker)))
                throw new ArgumentException($"'{folder}' is not empty and was not made by 'lake demo'; choose another folder with --data.");
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, Marker), "Made by 'lake demo'; the next demo run deletes this folder.\n");
    }
}
