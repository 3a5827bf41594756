using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Lake.Coordinator.Authority;

/// <summary>
/// The embedded authority's signing and encryption keys: RSA keys kept as owner-only PEM files
/// beside the key ring, never in the data folder (a copied data folder must not mint tokens) nor
/// in the repository. Made on first start; every later start reads the same keys, so tokens
/// outlive a restart.
/// </summary>
public sealed class AuthorityKeys
{
    private AuthorityKeys(RsaSecurityKey signing, RsaSecurityKey encryption)
    {
        Signing = signing;
        Encryption = encryption;
    }

    public RsaSecurityKey Signing { get; }

    public RsaSecurityKey Encryption { get; }

    public static string SigningPath(string keyRingPath) => Sibling(keyRingPath, "oidc-signing.pem");

    public static string EncryptionPath(string keyRingPath) => Sibling(keyRingPath, "oidc-encryption.pem");

    public static AuthorityKeys LoadOrCreate(string keyRingPath) =>
        new(Load(SigningPath(keyRingPath), "signing"), Load(EncryptionPath(keyRingPath), "encryption"));

    private static RsaSecurityKey Load(string path, string use)
    {
        if (!File.Exists(path))
        {
            using var created = RSA.Create(2048);
            var pem = created.ExportPkcs8PrivateKeyPem();
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            using (var writer = new StreamWriter(stream))
                writer.Write(pem);
            try
            {
                // Two processes starting at once: the first key written wins, the other is dropped.
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        if ((File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            throw new UnauthorizedAccessException($"The authority's {use} key {path} is readable by others; make it owner-only (chmod 600) or delete it to make a new one.");
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        // The key id is the public key's thumbprint: stable across restarts, different for every key.
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
        return key;
    }

    private static string Sibling(string keyRingPath, string suffix)
    {
        var full = Path.GetFullPath(keyRingPath);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + "." + suffix);
    }
}
