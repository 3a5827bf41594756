using System.CommandLine;
using System.Net.Sockets;
using Lake.Extract.Specifications;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Microsoft.Extensions.Options;

namespace Lake.Cli.Commands;

/// <summary>
/// Runs a command body and turns the failures a user can fix into one clear line on stderr and
/// exit code 2, instead of a stack trace (which <c>--verbose</c> adds after the line).
/// </summary>
internal static class CommandAction
{
    /// <summary>The command line could not be read (an unknown command or option, a missing argument), or a failure no one foresaw.</summary>
    public const int NotUnderstood = 1;

    /// <summary>A user error or an operational failure (a missing file, an unusable setting, a port in use, the broker down); one line says what to check.</summary>
    public const int UserError = 2;

    /// <summary>A request or study the rules refuse; the reason is printed.</summary>
    public const int Refused = 3;

    /// <summary>The exit codes as `lake --help` and the README list them.</summary>
    public const string ExitCodes = """
        Exit codes:
          0    success
          1    the command line was not understood (unknown command or option, missing argument), or an unexpected failure;
               'lake verify' found a damaged or missing lake file
          2    a user error or an operational failure, said in one line naming what to check (--verbose adds the details)
          3    refused by the rules (permit, disclosure control, query budget), or a request not delivered; the reason is printed
          4-9  'lake audit verify' found the log changed (4 tampered, 5 truncated, 6 rewritten, 7 forked, 8 no checkpoint, 9 forged checkpoint)
          5    'lake request replay' produced files that differ from the delivery's
        """;

    /// <summary>The command line being run, so that a failure knows whether --verbose was given and which data folder's settings applied.</summary>
    private static readonly AsyncLocal<ParseResult?> Current = new();

    /// <summary>Runs the parsed command line, its options at hand for <see cref="RunAsync"/>.</summary>
    public static async Task<int> InvokeAsync(ParseResult parse)
    {
        Current.Value = parse;
        return await parse.InvokeAsync();
    }

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Coordinator.Preliminary.PreliminaryRefusedException e)
        {
            return await FailAsync(Refused, "refused: " + e.Message, e);
        }
        catch (MassTransit.ConnectionException e)
        {
            // The bus gave up starting: one line saying where it looked and why, not the transport's
            // stack trace. The transport's words are quoted with the password taken out, in case
            // a client library ever puts it in a message.
            return await FailAsync(UserError, BrokerFailure.Describe(e, DataFolder), e);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            // Every reader of a file names it in its own error; this is the net under one that does not.
            return await FailAsync(UserError, $"error: a YAML file could not be read, line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}", e);
        }
        catch (IOException e) when (IsAddressInUse(e))
        {
            return await FailAsync(UserError, $"error: {e.Message.TrimEnd('.')}: another program listens there. Stop it, or choose another address "
                + "(--url or Coordinator__Url for 'lake serve'; Health__Port and Telemetry__PrometheusPort for the health and metrics endpoints).", e);
        }
        catch (Exception e) when (e is DescriptorException or OptionsValidationException or FeedException or BatchBusyException or SpecificationException or FileNotFoundException
            or DirectoryNotFoundException or UnauthorizedAccessException or KeyNotFoundException or InvalidDataException or TimeoutException or ArgumentException or HttpRequestException
            or Extract.Access.DeliveryAccessException or Extract.Querying.DamagedLakeFileException or Contracts.Registers.RegisterFileException or Contracts.Files.RefusedPathException or Pseudonymization.KeyStoreException)
        {
            return await FailAsync(UserError, "error: " + e.Message, e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return await FailAsync(NotUnderstood, $"error: an unexpected failure ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}). Run the command again with --verbose for the details.", e);
        }
    }

    /// <summary>Whether the command line being run asked for the details of a failure.</summary>
    public static bool Verbose => Current.Value?.GetValue(GlobalOptions.Verbose) == true;

    private static string? DataFolder => Current.Value?.GetValue(GlobalOptions.Data);

    /// <summary>Kestrel's bind failure: the socket's error under its own address-in-use exception.</summary>
    private static bool IsAddressInUse(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
                return true;
        }

        return false;
    }

    private static async Task<int> FailAsync(int exitCode, string line, Exception exception)
    {
        await Console.Error.WriteLineAsync(line);
        if (Verbose)
            await Console.Error.WriteLineAsync(exception.ToString());
        return exitCode;
    }
}
