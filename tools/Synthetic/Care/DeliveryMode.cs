namespace Lake.Synthetic.Care;

internal enum DeliveryMode
{
    Vaginal,
    Vacuum,
    ElectiveCaesarean,
    EmergencyCaesarean,
}
