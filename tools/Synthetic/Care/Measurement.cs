namespace Lake.Synthetic.Care;

internal enum Measurement
{
    SystolicPressure,
    DiastolicPressure,
    Pulse,
    Weight,
    Height,
    Temperature,
    OxygenSaturation,
}
