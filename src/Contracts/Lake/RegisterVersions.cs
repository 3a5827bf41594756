using System.Globalization;
using System.Text;
using Lake.Contracts.Files;
using Lake.Contracts.Registers;

namespace Lake.Contracts.Lake;

/// <summary>
/// The lake's memory of its registers' shapes: a copy of each register file version the lake has
/// written a batch with or delivered from (<c>_registers/NAME.vN.yaml</c>, never changed once
/// written). A version is recorded only if it is the same shape as any copy of that version
/// already kept, and an allowed evolution of the latest earlier one (<see cref="RegisterEvolution"/>),
/// so an edited register file cannot make existing batches unreadable, and a replay reads with the
/// version the original delivery read with.
/// </summary>
public sealed class RegisterVersions(LakeLayout layout)
{
    /// <summary>Keeps a copy of <paramref name="register"/>'s version unless the lake has it already.</summary>
    /// <exception cref="RegisterFileException">
    /// The version differs from the copy the lake holds, goes back behind a later one, or makes a refused change; the message says why and what to do.
    /// </exception>
    public void Record(RegisterDefinition register)
    {
        if (Check(register))
            return;

        var path = PathOf(register.Name, register.Version);
        var text = Encoding.UTF8.GetBytes(register.FileText ?? throw new ArgumentException("The register was not read from a file.", nameof(register)));
        try
        {
            ContainedFiles.WriteDurably(layout.Root, path, stream => stream.Write(text), overwrite: false);
        }
        catch (IOException e) when (e is not RefusedPathException && File.Exists(path))
        {
            // Another process recorded the version first; it must be the same shape as ours.
            Require(register, Read(path));
        }
    }

    /// <summary>
    /// Whether the lake may use <paramref name="register"/>'s version, without recording it: true
    /// when it holds a copy of that version already, false when the version would be new.
    /// </summary>
    /// <exception cref="RegisterFileException">As for <see cref="Record"/>.</exception>
    public bool Check(RegisterDefinition register)
    {
        var path = PathOf(register.Name, register.Version);
        if (File.Exists(path))
        {
            Require(register, Read(path));
            return true;
        }

        var versions = VersionsOf(register.Name);
        if (versions.Count > 0 && versions[^1] > register.Version)
        {
            throw new RegisterFileException(
                $"{Where(register)}: register '{register.Name}' is at version {register.Version}, but the lake already holds batches or deliveries of version {versions[^1]}; use the register file of version {versions[^1]} or later.");
        }

        if (versions.Count > 0)
        {
            var refused = RegisterEvolution.Compare(Get(register.Name, versions[^1]), register).Where(c => !c.Allowed).ToList();
            if (refused.Count > 0)
                throw new RegisterFileException($"{Where(register)}: version {register.Version} of '{register.Name}' cannot follow version {versions[^1]} that the lake holds:\n  - " + string.Join("\n  - ", refused));
        }

        return false;
    }

    /// <summary>The version of a register the lake keeps a copy of.</summary>
    /// <exception cref="RegisterFileException">The lake has no copy of that version.</exception>
    public RegisterDefinition Get(string register, int version)
    {
        var path = PathOf(register, version);
        return File.Exists(path)
            ? Read(path)
            : throw new RegisterFileException($"The lake keeps no copy of version {version} of register '{register}'.");
    }

    /// <summary>Versions of a register the lake keeps, oldest first.</summary>
    public IReadOnlyList<int> VersionsOf(string register)
    {
        var folder = ContainedPath.Under(layout.Root, layout.RegisterVersionsFolder);
        if (!Directory.Exists(folder))
            return [];
        var prefix = register + ".v";
        return Directory.EnumerateFiles(folder, prefix + "*.yaml")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => int.TryParse(name![prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 0)
            .Order()
            .ToList();
    }

    /// <summary>Checked when read too: a copy the lake keeps is never read through a planted link.</summary>
    private string PathOf(string register, int version) =>
        ContainedPath.Under(layout.Root, layout.RegisterVersionsFolder, $"{register}.v{version.ToString(CultureInfo.InvariantCulture)}.yaml");

    private static RegisterDefinition Read(string path) => RegisterFileReader.ReadFile(path);

    private void Require(RegisterDefinition register, RegisterDefinition kept)
    {
        if (RegisterEvolution.SameShape(register, kept))
            return;
        var changes = RegisterEvolution.Compare(kept, register with { Version = kept.Version + 1 });
        throw new RegisterFileException(
            $"{Where(register)}: version {register.Version} of '{register.Name}' differs from the version {register.Version} the lake already holds ({string.Join("; ", changes.Select(c => c.What))}); give the file version {VersionsOf(register.Name).DefaultIfEmpty(kept.Version).Max() + 1}.");
    }

    private static string Where(RegisterDefinition register) => register.Origin ?? register.Name;
}
