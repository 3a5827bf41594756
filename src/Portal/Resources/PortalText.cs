namespace Lake.Portal.Resources;

/// <summary>The portal's texts, one resource file per language beside this class: PortalText.resx (English), .fi.resx, .sv.resx.</summary>
public sealed class PortalText
{
}
