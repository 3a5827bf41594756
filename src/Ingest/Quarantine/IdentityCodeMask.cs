namespace Lake.Ingest.Quarantine;

/// <summary>
/// Hides anything shaped like an identity code, valid or not, before text is written to quarantine:
/// a bad row often has a good identity code in it, and quarantine files sit beside the lake.
/// </summary>
internal static class IdentityCodeMask
{
    public const string Replacement = Pseudonymization.HetuText.Replacement;

    public static string Apply(string text) => Pseudonymization.HetuText.Mask(text, out _);
}
