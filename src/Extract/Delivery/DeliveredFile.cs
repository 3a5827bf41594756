namespace Lake.Extract.Delivery;

/// <summary>One delivered file: name in the delivery folder, register, rows, size and SHA-256.</summary>
public sealed record DeliveredFile(string Name, string Register, long Rows, long Bytes, string Sha256);
