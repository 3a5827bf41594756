using Microsoft.Extensions.Options;

namespace Lake.Coordinator.Requests;

/// <summary>Refuses unusable transfer targets at start, each problem named, so a typo fails the boot and not a researcher's request.</summary>
internal sealed class TransferOptionsValidation : IValidateOptions<TransferOptions>
{
    public ValidateOptionsResult Validate(string? name, TransferOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
