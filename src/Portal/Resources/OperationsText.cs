namespace Lake.Portal.Resources;

/// <summary>The operations page's texts: OperationsText.resx (English), .fi.resx, .sv.resx beside this class.</summary>
public sealed class OperationsText
{
}
