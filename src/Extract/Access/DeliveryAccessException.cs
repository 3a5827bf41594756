namespace Lake.Extract.Access;

/// <summary>
/// A delivery's access list could not be written, so the delivery is not published (or, for an
/// amendment, is left readable by the account running Lake alone). The message says what to fix.
/// </summary>
public sealed class DeliveryAccessException(string message, Exception? inner = null) : Exception(message, inner);
