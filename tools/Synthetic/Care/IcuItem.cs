namespace Lake.Synthetic.Care;

internal enum IcuItem
{
    Stay,
    HeartRate,
    MeanArterialPressure,
    OxygenSaturation,
    Temperature,
    Ventilation,
    Sofa,
}
