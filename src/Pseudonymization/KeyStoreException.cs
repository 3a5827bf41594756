namespace Lake.Pseudonymization;

/// <summary>
/// A key store that cannot be used as configured (a missing module or token, a wrong PIN, keys in
/// clear where an HSM is required). The message is one line for an operator, never a PIN or a key.
/// </summary>
public sealed class KeyStoreException(string message) : Exception(message);
