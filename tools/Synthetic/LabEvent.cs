namespace Lake.Synthetic;

/// <summary>
/// One good row of the Multilab feed before it is written. <see cref="Value"/> is already rounded
/// to the test's decimals; for a qualitative test 1 means "pos" and 0 "neg".
/// </summary>
internal readonly record struct LabEvent(int PersonIndex, DateTime Time, LabTest Test, double Value, string Orderer);
