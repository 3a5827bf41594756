using System.Text;
using System.Text.Json;

namespace Lake.Pseudonymization;

/// <summary>
/// The key ring file in its encrypted form:
/// <c>{"format":"lake-keyring-encrypted","version":1,"kdf":"PBKDF2-HMAC-SHA256","iterations":n,"salt":b64,"cipher":"AES-256-GCM","nonce":b64,"tag":b64,"ciphertext":b64}</c>,
/// the ciphertext being the ring's clear JSON (<see cref="KeyRingState"/>). Every parameter is in the
/// file, so a later build can raise the cost or change the construction and still read older files;
/// the <c>format</c> property is what tells it from a ring in clear, which has none.
/// </summary>
internal sealed record KeyRingEnvelope
{
    public const string FormatName = "lake-keyring-encrypted";
    public const int FormatVersion = 1;
    public const string KdfName = "PBKDF2-HMAC-SHA256";
    public const string CipherName = "AES-256-GCM";
    public const int SaltSize = 32;

    private const string FormatProperty = "format";

    public required int Iterations { get; init; }

    public required byte[] Salt { get; init; }

    public required byte[] Nonce { get; init; }

    public required byte[] Tag { get; init; }

    public required byte[] Ciphertext { get; init; }

    /// <summary>
    /// The associated data of the AES-GCM encryption: every parameter besides the nonce, so that no
    /// field of the file can be changed without the tag failing, even one (a future KDF name, say)
    /// that would not already change the derived key.
    /// </summary>
    public byte[] AssociatedData() =>
        Encoding.UTF8.GetBytes($"{FormatName}|{FormatVersion}|{KdfName}|{Iterations}|{Convert.ToBase64String(Salt)}|{CipherName}");

    /// <summary>Whether the file's content is an envelope rather than a ring in clear; nothing is validated yet.</summary>
    public static bool IsEnvelope(byte[] content) => KeyRingJson.HasProperty(content, FormatProperty);

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString(FormatProperty, FormatName);
            writer.WriteNumber("version", FormatVersion);
            writer.WriteString("kdf", KdfName);
            writer.WriteNumber("iterations", Iterations);
            writer.WriteBase64String("salt", Salt);
            writer.WriteString("cipher", CipherName);
            writer.WriteBase64String("nonce", Nonce);
            writer.WriteBase64String("tag", Tag);
            writer.WriteBase64String("ciphertext", Ciphertext);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">Not an envelope this build reads; the message names the field, never a value.</exception>
    public static KeyRingEnvelope Parse(byte[] content, string path)
    {
        using var document = KeyRingJson.ParseObject(content, path);
        var root = document.RootElement;
        var format = KeyRingJson.RequiredString(root, FormatProperty, path);
        if (format != FormatName)
            throw KeyRingJson.Invalid(path, $"its format is not {FormatName}, the only encrypted form this build reads; use a newer lake build");

        var version = KeyRingJson.RequiredInt(root, "version", path);
        if (version != FormatVersion)
            throw KeyRingJson.Invalid(path, $"it has encrypted format version {version}, this build reads version {FormatVersion}; use a newer lake build");

        RequireName(root, "kdf", KdfName, path);
        RequireName(root, "cipher", CipherName, path);
        var iterations = KeyRingJson.RequiredInt(root, "iterations", path);
        if (iterations is < KeyRingEncryption.MinimumIterations or > KeyRingEncryption.MaximumIterations)
        {
            // Below the minimum the passphrase would be cheap to guess; above the maximum opening the
            // ring would take minutes: neither is a file Lake writes.
            throw KeyRingJson.Invalid(path, $"iterations must be from {KeyRingEncryption.MinimumIterations} to {KeyRingEncryption.MaximumIterations}");
        }

        return new KeyRingEnvelope
        {
            Iterations = iterations,
            Salt = KeyRingJson.RequiredBytes(root, "salt", SaltSize, path),
            Nonce = KeyRingJson.RequiredBytes(root, "nonce", AesGcmSeal.NonceSize, path),
            Tag = KeyRingJson.RequiredBytes(root, "tag", AesGcmSeal.TagSize, path),
            Ciphertext = KeyRingJson.RequiredBytes(root, "ciphertext", size: null, path),
        };
    }

    public override string ToString() => $"KeyRingEnvelope({KdfName}, {Iterations} iterations, {CipherName}, content redacted)";

    private static void RequireName(JsonElement root, string name, string expected, string path)
    {
        if (KeyRingJson.RequiredString(root, name, path) != expected)
            throw KeyRingJson.Invalid(path, $"{name} is not {expected}, the only one this build reads; use a newer lake build");
    }
}
