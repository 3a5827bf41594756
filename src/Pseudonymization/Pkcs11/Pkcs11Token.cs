using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Lake.Pseudonymization.Pkcs11;

/// <summary>
/// One logged-in token of one loaded module, shared by every key store of the process that uses it.
/// Shared because PKCS#11 keeps the module's initialization and the token's login per process, not
/// per caller: a second <c>C_Initialize</c> fails, and one caller's logout would log out all others.
/// Operations run on pooled sessions, one operation per session at a time, as PKCS#11 requires.
/// </summary>
internal sealed class Pkcs11Token
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, LoadedModule> Modules = new(StringComparer.Ordinal);
    private static readonly Dictionary<(string Module, string Label), Pkcs11Token> Tokens = new();
    private static bool s_dynamicLoaderResolved;

    private readonly LoadedModule _module;
    private readonly ISlot _slot;
    private readonly ConcurrentBag<ISession> _sessions = [];

    // Held open while the token is in use: PKCS#11 logs a token out when its application's last session closes.
    private readonly ISession _loginSession;
    private int _users;

    private Pkcs11Token(LoadedModule module, ISlot slot, ISession loginSession, string label)
    {
        _module = module;
        _slot = slot;
        _loginSession = loginSession;
        Label = label;
    }

    public string Label { get; }

    public Pkcs11InteropFactories Factories => _module.Factories;

    /// <summary>Loads the module if needed, finds the token by its label and logs in with the PIN in the file.</summary>
    /// <exception cref="KeyStoreException">The module, the token or the PIN is not right; the message says which, in one line.</exception>
    public static Pkcs11Token Acquire(Pkcs11KeyStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Module))
            throw new KeyStoreException("Keys:Pkcs11:Module is not set; name the HSM's PKCS#11 module (for SoftHSM: /usr/lib/softhsm/libsofthsm2.so).");
        if (string.IsNullOrWhiteSpace(options.TokenLabel))
            throw new KeyStoreException("Keys:Pkcs11:TokenLabel is not set; name the token that holds the lake's keys.");

        var module = Path.GetFullPath(options.Module);
        lock (Gate)
        {
            if (Tokens.TryGetValue((module, options.TokenLabel), out var shared))
            {
                // Already logged in for this process; the PIN was checked by the first user.
                shared._users++;
                return shared;
            }

            var loaded = LoadModule(module);
            try
            {
                var token = Open(loaded, module, options.TokenLabel, options.PinFile);
                token._users = 1;
                Tokens[(module, options.TokenLabel)] = token;
                return token;
            }
            catch
            {
                ReleaseModule(loaded);
                throw;
            }
        }
    }

    /// <summary>Ends one user's use; the last one logs out and, when no token of the module is left, unloads it.</summary>
    public void Release()
    {
        lock (Gate)
        {
            if (--_users > 0)
                return;

            Tokens.Remove((_module.Path, Label));
            while (_sessions.TryTake(out var session))
                session.Dispose();
            try
            {
                _loginSession.Logout();
            }
            catch (Pkcs11Exception)
            {
                // Already logged out (the token was removed, say); closing the session below is what matters.
            }

            _loginSession.Dispose();
            ReleaseModule(_module);
        }
    }

    /// <summary>Runs one operation on a session of its own.</summary>
    public T Run<T>(Func<ISession, T> operation)
    {
        if (!_sessions.TryTake(out var session))
            session = _slot.OpenSession(SessionType.ReadWrite);

        T result;
        try
        {
            result = operation(session);
        }
        catch
        {
            // A failed operation may leave the session unusable (or its operation still active); a new one is cheap.
            session.Dispose();
            throw;
        }

        _sessions.Add(session);
        return result;
    }

    private static Pkcs11Token Open(LoadedModule module, string modulePath, string label, string pinFile)
    {
        var slot = FindSlot(module, modulePath, label);
        var pin = PinFile.Read(pinFile);
        var session = slot.OpenSession(SessionType.ReadWrite);
        try
        {
            session.Login(CKU.CKU_USER, pin);
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Another part of this process logged in to the token outside this class; the login is shared.
        }
        catch (Pkcs11Exception e)
        {
            session.Dispose();
            throw e.RV switch
            {
                CKR.CKR_PIN_INCORRECT => new KeyStoreException($"Token \"{label}\" refused the PIN in {pinFile} (Keys:Pkcs11:PinFile): it is not the token's user PIN."),
                CKR.CKR_PIN_LOCKED => new KeyStoreException($"Token \"{label}\" has locked its user PIN after too many wrong tries; its security officer must unlock it."),
                CKR.CKR_USER_PIN_NOT_INITIALIZED => new KeyStoreException($"Token \"{label}\" has no user PIN yet; its security officer must set one."),
                _ => new KeyStoreException($"Token \"{label}\" refused the login: {e.RV}."),
            };
        }
        finally
        {
            Array.Clear(pin);
        }

        return new Pkcs11Token(module, slot, session, label);
    }

    private static ISlot FindSlot(LoadedModule module, string modulePath, string label)
    {
        var labels = new List<string>();
        foreach (var slot in module.Library.GetSlotList(SlotsType.WithTokenPresent))
        {
            var tokenInfo = slot.GetTokenInfo();
            // Token labels are blank-padded to 32 bytes by the standard; Pkcs11Interop trims them, some modules do not.
            var tokenLabel = tokenInfo.Label.TrimEnd(' ', '\0');
            if (!tokenInfo.TokenFlags.TokenInitialized)
                continue;
            if (string.Equals(tokenLabel, label, StringComparison.Ordinal))
                return slot;
            labels.Add($"\"{tokenLabel}\"");
        }

        var present = labels.Count == 0 ? "it has no initialized token" : "it has " + string.Join(", ", labels);
        throw new KeyStoreException($"No token labelled \"{label}\" (Keys:Pkcs11:TokenLabel) in the PKCS#11 module {modulePath}; {present}.");
    }

    private static LoadedModule LoadModule(string path)
    {
        if (Modules.TryGetValue(path, out var loaded))
        {
            loaded.Users++;
            return loaded;
        }

        if (!File.Exists(path))
            throw new KeyStoreException($"The PKCS#11 module {path} (Keys:Pkcs11:Module) does not exist; install the HSM's client library (softhsm2 for tests) or correct the path.");

        ResolveDynamicLoader();
        var factories = new Pkcs11InteropFactories();
        IPkcs11Library library;
        try
        {
            library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, path, AppType.MultiThreaded);
        }
        catch (Exception e) when (e is UnmanagedException or DllNotFoundException or EntryPointNotFoundException)
        {
            throw new KeyStoreException($"The file {path} (Keys:Pkcs11:Module) could not be loaded as a PKCS#11 module: {OneLine(e.Message)}");
        }
        catch (Pkcs11Exception e)
        {
            // SoftHSM, for one, fails C_Initialize when its configuration file is missing or unreadable.
            throw new KeyStoreException($"The PKCS#11 module {path} failed to initialize ({e.RV}); check its configuration (SoftHSM: SOFTHSM2_CONF and its token folder).");
        }

        loaded = new LoadedModule(path, factories, library);
        Modules[path] = loaded;
        return loaded;
    }

    /// <summary>
    /// Pkcs11Interop finds dlopen in "libdl", which glibc 2.34 and later ship only as libdl.so.2
    /// (the unversioned name comes with libc6-dev, absent on servers); this maps the name once per process.
    /// </summary>
    private static void ResolveDynamicLoader()
    {
        if (s_dynamicLoaderResolved || OperatingSystem.IsWindows())
            return;

        s_dynamicLoaderResolved = true;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, static (name, assembly, searchPath) =>
                name == "libdl" && !OperatingSystem.IsMacOS() && NativeLibrary.TryLoad("libdl.so.2", assembly, searchPath, out var handle) ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // The application set a resolver for Pkcs11Interop itself; it knows its platform better.
        }
    }

    private static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static void ReleaseModule(LoadedModule module)
    {
        if (--module.Users > 0)
            return;

        Modules.Remove(module.Path);
        module.Library.Dispose();
    }

    private sealed class LoadedModule(string path, Pkcs11InteropFactories factories, IPkcs11Library library)
    {
        public string Path { get; } = path;

        public Pkcs11InteropFactories Factories { get; } = factories;

        public IPkcs11Library Library { get; } = library;

        public int Users { get; set; } = 1;
    }
}
