namespace Lake.Coordinator.Tests;

/// <summary>The answer of the device authorization endpoint: what the command line keeps and what it shows the person.</summary>
internal sealed record DeviceAuthorization(string DeviceCode, string UserCode, string VerificationUriComplete);
