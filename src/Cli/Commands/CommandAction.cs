using Lake.Extract.Specifications;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Microsoft.Extensions.Options;

namespace Lake.Cli.Commands;

/// <summary>
/// Runs a command body and turns the failures a user can fix into one clear line on stderr and
/// exit code 2, instead of a stack trace.
/// </summary>
internal static class CommandAction
{
    public const int UserError = 2;

    /// <summary>A request or study the rules refuse; the reason is printed.</summary>
    public const int Refused = 3;

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Coordinator.Preliminary.PreliminaryRefusedException e)
        {
            await Console.Error.WriteLineAsync("refused: " + e.Message);
            return Refused;
        }
        catch (MassTransit.ConnectionException e)
        {
            // The bus gave up starting: one line saying where it looked and why, not the transport's
            // stack trace. The transport's words are quoted with the password taken out, in case
            // a client library ever puts it in a message.
            await Console.Error.WriteLineAsync(BrokerFailure.Describe(e));
            return UserError;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            // Every reader of a file names it in its own error; this is the net under one that does not.
            await Console.Error.WriteLineAsync($"error: a YAML file could not be read, line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}");
            return UserError;
        }
        catch (Exception e) when (e is DescriptorException or OptionsValidationException or FeedException or BatchBusyException or SpecificationException or FileNotFoundException
            or DirectoryNotFoundException or UnauthorizedAccessException or KeyNotFoundException or InvalidDataException or TimeoutException or ArgumentException or HttpRequestException
            or Extract.Access.DeliveryAccessException or Extract.Querying.DamagedLakeFileException or Contracts.Registers.RegisterFileException or Contracts.Files.RefusedPathException or Pseudonymization.KeyStoreException)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return UserError;
        }
    }
}
