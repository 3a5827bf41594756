namespace Lake.Synthetic.Care;

/// <summary>Source system names as the dataset catalog spells them.</summary>
internal static class SourceSystems
{
    public const string Uranus = "Uranus";
    public const string Apotti = "Apotti";
    public const string Multilab = "Multilab";
    public const string Muse = "Muse";
    public const string Qpati = "Qpati";
    public const string Opera = "Opera";
    public const string Kemokur = "Kemokur";
    public const string Marela = "Marela";
    public const string Merlotmedi = "Merlotmedi";
    public const string Mustiradu = "Mustiradu";
    public const string HusRadu = "HUSRadu";
    public const string Obstetrix = "Obstetrix";
    public const string QualityRegistry = "Quality registry";
}
