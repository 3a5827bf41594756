namespace Lake.Contracts.Registers;

/// <summary>A register file that cannot be used, with every reason, each naming the file and line where it can.</summary>
public sealed class RegisterFileException(string message) : Exception(message);
