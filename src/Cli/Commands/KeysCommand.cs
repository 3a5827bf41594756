using System.CommandLine;
using Lake.Pseudonymization;

namespace Lake.Cli.Commands;

/// <summary>
/// `lake keys`: how the key ring file keeps the keys. `encrypt` and `decrypt` rewrite the file in its
/// other form without changing a key, so every pseudonym stays as it was. The passphrase only ever
/// comes from a file; the command line names the file at most. Whoever can read and write the key
/// ring file may convert it (it is owner-only): they hold the keys already, so no Lake role is asked for.
/// </summary>
internal static class KeysCommand
{
    private static readonly Option<string?> PassphraseFile = new("--passphrase-file")
    {
        Description = $"The owner-only file holding the passphrase to encrypt under (default: ${KeyRingPassphrase.EnvironmentVariable}, else {KeyRingPassphrase.Setting}). The file's name, never the passphrase.",
    };

    public static Command Create() => new("keys", "The key ring file: how it keeps the keys, and encrypting it at rest under a passphrase.")
    {
        Status(), Encrypt(), Decrypt(),
    };

    private static Command Status()
    {
        var status = new Command("status", "Open the key ring as every command does (with the configured passphrase if it is encrypted) and say how it is kept.");
        status.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var ring = OpenExisting(parse);
            Console.WriteLine($"Key ring {ring.Path}: {ring.AtRest}.");
            Console.WriteLine($"Register key generations {string.Join(", ", ring.KeyIds)} (current {ring.CurrentKeyId}); {ring.StudyIds.Count} study keys.");
            return Task.FromResult(0);
        }));
        return status;
    }

    private static Command Encrypt()
    {
        var encrypt = new Command("encrypt", "Encrypt the key ring file under the passphrase in a file, or change the passphrase of an encrypted one (a new salt). No key changes.")
        {
            PassphraseFile,
        };
        encrypt.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var passphrase = NewPassphrase(parse);
            var ring = OpenExisting(parse);
            var was = ring.IsEncrypted ? "re-encrypted" : "encrypted";
            ring.EncryptAtRest(passphrase);
            Console.WriteLine($"Key ring {ring.Path} {was}: {ring.AtRest}.");
            Console.WriteLine(
                $"Every lake process that uses it needs {KeyRingPassphrase.EnvironmentVariable} (or {KeyRingPassphrase.Setting}) naming {passphrase.FilePath}; restart those running. " +
                "Keep a copy of the passphrase apart from the key ring's backups: without it they reproduce no pseudonym.");
            return Task.FromResult(0);
        }));
        return encrypt;
    }

    private static Command Decrypt()
    {
        var decrypt = new Command("decrypt", "Write the key ring file in clear again (owner-only), opened with the configured passphrase. No key changes.");
        decrypt.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var ring = OpenExisting(parse);
            if (!ring.IsEncrypted)
            {
                Console.WriteLine($"Key ring {ring.Path} is already in clear; nothing changed.");
                return Task.FromResult(0);
            }

            ring.DecryptAtRest();
            Console.WriteLine($"Key ring {ring.Path} is now {ring.AtRest}; its passphrase is no longer needed.");
            return Task.FromResult(0);
        }));
        return decrypt;
    }

    /// <summary>The key ring at the key ring location; never a new one, which would reproduce no pseudonym of the lake's.</summary>
    private static KeyRing OpenExisting(ParseResult parse)
    {
        var options = LakeConfiguration.Keys();
        if (options.Store == KeyStoreKind.Pkcs11)
            throw new KeyStoreException("Keys:Store is pkcs11: the keys are in the HSM token, and there is no key ring file to encrypt or decrypt.");

        var path = KeyRingLocation.Resolve(parse.GetValue(GlobalOptions.KeyRing));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"No key ring at {path}; `lake keys` converts an existing one. Point --keyring (or {KeyRingLocation.EnvironmentVariable}) at the lake's key ring.", path);
        }

        return (KeyRing)KeyStores.Open(options, path, LakeConfiguration.IsProduction, TimeProvider.System);
    }

    private static KeyRingPassphrase NewPassphrase(ParseResult parse)
    {
        if (parse.GetValue(PassphraseFile) is { } file)
            return KeyRingPassphrase.FromFile(file, "--passphrase-file");

        return KeyRingPassphrase.FromConfiguration(LakeConfiguration.Keys().PassphraseFile) ?? throw new KeyStoreException(
            $"No passphrase file is named: write a passphrase to an owner-only file ((umask 077; head -c 32 /dev/urandom | base64 > FILE)) " +
            $"and name it with --passphrase-file, {KeyRingPassphrase.EnvironmentVariable} or {KeyRingPassphrase.Setting}.");
    }
}
