using System.Text.RegularExpressions;
using Lake.Pseudonymization;
using Lake.Synthetic;

namespace Lake.Hosting.Tests.Telemetry;

/// <summary>
/// Everything of the synthetic patients that must never reach telemetry: their identity codes and,
/// computed with the lake's own keys, their lake identities and register and study pseudonyms in
/// the forms they would be printed in.
/// </summary>
internal static partial class PatientValues
{
    public static IReadOnlyList<string> Of(SyntheticLakeTruth truth, KeyRing keyRing, string studyId)
    {
        var pseudonymizer = new Pseudonymizer(keyRing);
        var registers = truth.Feeds.Select(f => f.Register).Distinct().ToList();
        var values = new List<string>();
        foreach (var code in truth.Feeds.SelectMany(f => f.Rows).Select(r => r.Hetu).Distinct())
        {
            values.Add(code);
            if (!Hetu.TryParse(code, out var hetu, out _))
                continue;
            var identity = pseudonymizer.IdentityOf(hetu);
            var bytes = new byte[LakeIdentity.Size];
            identity.WriteBytes(bytes);
            values.Add(Convert.ToHexStringLower(bytes));
            values.AddRange(registers.Select(register => pseudonymizer.RegisterPseudonym(register, identity).ToString("D")));
            values.AddRange(registers.Select(register => pseudonymizer.RegisterPseudonym(register, identity).ToString("N")));
            values.Add(pseudonymizer.StudyPseudonym(studyId, identity).ToString("D"));
            values.Add(pseudonymizer.StudyPseudonym(studyId, identity).ToString("N"));
        }

        return values;
    }

    /// <summary>
    /// The shape of a Finnish identity code: birth date, century sign, individual number, check
    /// character; standing alone, since a message id such as <c>5a320000-1920-...</c> holds the shape inside it.
    /// </summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![0-9A-Za-z-])")]
    public static partial Regex IdentityCodeShape();

    /// <summary>The shape of a pseudonym as Lake prints one: a GUID, with or without dashes, or 32 hex digits.</summary>
    [GeneratedRegex(@"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    public static partial Regex PseudonymShape();
}
