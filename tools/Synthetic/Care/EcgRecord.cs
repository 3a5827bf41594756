namespace Lake.Synthetic.Care;

/// <summary>A resting ECG: the measurements MUSE reports and its interpretation.</summary>
internal readonly record struct EcgRecord(int Person, DateTime Time, int Rate, int PrInterval, int QrsDuration, int QtcInterval, string Interpretation, string Location);
