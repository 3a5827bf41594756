using System.Globalization;

namespace Lake.Pseudonymization.Pkcs11;

/// <summary>
/// The labels of the lake's keys on a token, all beginning with one prefix (<see cref="Pkcs11KeyStoreOptions.LabelPrefix"/>):
/// <c>lake identity key</c>, <c>lake register key 1</c>, <c>lake register key 2</c>, ...,
/// <c>lake study key wrapping key</c>, <c>lake secret box key</c>.
/// </summary>
internal sealed class Pkcs11KeyLabels(string prefix)
{
    public string Identity { get; } = prefix + " identity key";

    public string StudyKeyWrapping { get; } = prefix + " study key wrapping key";

    public string SecretBox { get; } = prefix + " secret box key";

    private string RegisterPrefix { get; } = prefix + " register key ";

    public string Register(int keyId) => RegisterPrefix + keyId.ToString(CultureInfo.InvariantCulture);

    /// <summary>True for a label of this lake's: the token may hold other applications' keys too.</summary>
    public bool IsLakeLabel(string label) => label == Identity || label == StudyKeyWrapping || label == SecretBox || IsRegister(label, out _);

    public bool IsRegister(string label, out int keyId)
    {
        keyId = 0;
        return label.StartsWith(RegisterPrefix, StringComparison.Ordinal)
            && int.TryParse(label.AsSpan(RegisterPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out keyId)
            && keyId >= 1;
    }
}
