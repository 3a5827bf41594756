namespace Lake.Portal.Resources;

/// <summary>The texts of the preliminary study and cost estimate pages: StudyText.resx (English), .fi.resx, .sv.resx.</summary>
public sealed class StudyText
{
}
