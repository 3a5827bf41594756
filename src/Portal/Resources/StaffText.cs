namespace Lake.Portal.Resources;

/// <summary>The texts of data-service staff's pages (permits, the queue, ingest history), one resource file per language beside this class: StaffText.resx (English), .fi.resx, .sv.resx.</summary>
public sealed class StaffText
{
}
