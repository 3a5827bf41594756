namespace Lake.Portal.Resources;

/// <summary>The texts of the data request and transfer forms and of a request's live page: RequestText.resx (English), .fi.resx, .sv.resx.</summary>
public sealed class RequestText
{
}
