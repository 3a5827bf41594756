using Microsoft.Extensions.Logging;

namespace Lake.Portal;

/// <summary>
/// Log messages of the Data Portal, event ids 6000-6099. They name Lake users and request ids at
/// most, never an identity code, pseudonym or key, and never a token or a code of the sign-in.
/// </summary>
internal static partial class PortalLog
{
    [LoggerMessage(6000, LogLevel.Warning, "Portal sign-in failed at the authority: {Reason}")]
    public static partial void SignInFailed(ILogger logger, string reason);

    [LoggerMessage(6001, LogLevel.Warning, "Portal sign-in refused: the ID token names no usable Lake user (check Auth:SubjectClaim)")]
    public static partial void NoSubject(ILogger logger);

    /// <summary>The cost page tells the researcher estimates are unavailable; the service's path and error are for the log.</summary>
    [LoggerMessage(6050, LogLevel.Warning, "The portal's price list (Portal:PriceList) cannot be read: {Reason}")]
    public static partial void PriceListUnusable(ILogger logger, string reason);
}
