using System.Reflection;
using Lake.Contracts.Text;

namespace Lake.Contracts.Registers;

/// <summary>
/// Every register of the lake, in the order of the dataset catalog: the register files that ship
/// with Lake (<c>registers/</c>, built into the assembly), then those of the lake's own register
/// folders, which add registers or replace a shipped one by a later version. The catalog,
/// specifications, permits, cohort criteria, ingest and delivery all read one of these.
/// </summary>
public sealed class RegisterCatalog
{
    private const string ResourcePrefix = "registers/";

    private static readonly Lazy<RegisterCatalog> ShippedCatalog = new(() => new RegisterCatalog(ReadShipped().ToList()));

    private readonly Dictionary<string, RegisterDefinition> _byName;

    private RegisterCatalog(IReadOnlyList<RegisterDefinition> registers)
    {
        All = registers;
        _byName = registers.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var unknown = registers.SelectMany(r => r.NeverCombinedWith.Where(o => !_byName.ContainsKey(o)).Select(o => $"{r.Origin}: never_combined_with names '{o}', which is not a register of the lake."));
        if (unknown.ToList() is { Count: > 0 } problems)
            throw new RegisterFileException(string.Join("\n", problems));
    }

    /// <summary>The registers that ship with Lake, without any register folder.</summary>
    public static RegisterCatalog Shipped => ShippedCatalog.Value;

    public IReadOnlyList<RegisterDefinition> All { get; }

    public IEnumerable<RegisterDefinition> PatientRegisters => All.Where(r => r.Kind == RegisterKind.PatientRegister);

    public IEnumerable<RegisterDefinition> QualityRegistries => All.Where(r => r.Kind == RegisterKind.QualityRegistry);

    /// <summary>
    /// The shipped registers and those of <paramref name="folders"/> (files <c>*.yaml</c>, subfolders
    /// included, in name order). A file naming a shipped register replaces it, and must not go back
    /// to an earlier version; two files of the same register in the folders are refused.
    /// </summary>
    /// <exception cref="RegisterFileException">A file has problems, or two files claim one register.</exception>
    public static RegisterCatalog Load(IEnumerable<string> folders)
    {
        var local = new Dictionary<string, RegisterDefinition>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
                throw new RegisterFileException($"Register folder '{folder}' does not exist.");
            foreach (var file in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                         .Order(StringComparer.Ordinal))
            {
                var register = RegisterFileReader.ReadFile(file);
                if (local.TryGetValue(register.Name, out var earlier))
                    throw new RegisterFileException($"{file}: register '{register.Name}' is already defined by {earlier.Origin}; keep one file per register.");
                local[register.Name] = register;
            }
        }

        if (local.Count == 0)
            return Shipped;

        var merged = new List<RegisterDefinition>();
        foreach (var shipped in Shipped.All)
        {
            if (!local.Remove(shipped.Name, out var replacement))
            {
                merged.Add(shipped);
                continue;
            }

            if (replacement.Version < shipped.Version)
                throw new RegisterFileException($"{replacement.Origin}: register '{shipped.Name}' is at version {shipped.Version} in Lake's own files; a register folder may add later versions, not go back to version {replacement.Version}.");
            merged.Add(replacement);
        }

        // New registers after the shipped ones, patient registers before quality registries as in the catalog.
        merged.AddRange(local.Values.OrderBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.Ordinal));
        return new RegisterCatalog(merged);
    }

    /// <summary>The same catalog with some registers at other versions, e.g. those a delivery being replayed read with.</summary>
    public RegisterCatalog With(IEnumerable<RegisterDefinition> versions)
    {
        var replacements = versions.ToDictionary(r => r.Name, StringComparer.Ordinal);
        return replacements.Count == 0 ? this : new RegisterCatalog(All.Select(r => replacements.GetValueOrDefault(r.Name) ?? r).ToList());
    }

    public bool TryGet(string name, out RegisterDefinition register) =>
        _byName.TryGetValue(name, out register!);

    /// <exception cref="KeyNotFoundException">No register has that name; the message names the closest ones, or lists the patient registers.</exception>
    public RegisterDefinition Get(string name) =>
        TryGet(name, out var register)
            ? register
            : throw new KeyNotFoundException(DidYouMean(name) is { } suggestion
                ? $"Unknown register '{name}'; {suggestion}"
                : $"Unknown register '{name}'. Known registers: {string.Join(", ", PatientRegisters.Select(r => r.Name))} and {QualityRegistries.Count()} quality registries (qr_*).");

    /// <summary>"did you mean 'laboratory'?" for a mistyped register name, or null when no register's name is close.</summary>
    public string? DidYouMean(string name) => NameSuggestions.DidYouMean(NameSuggestions.For(name, All.Select(r => r.Name)));

    private static IEnumerable<RegisterDefinition> ReadShipped()
    {
        var assembly = typeof(RegisterCatalog).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).ToList();
        if (names.Count == 0)
            throw new InvalidOperationException("Lake.Contracts was built without the register files of registers/; build it from the whole repository.");
        var registers = names.Select(n => Read(assembly, n)).ToList();
        // The catalog's order: the patient registers as the dataset catalog lists them, then the quality registries by name.
        return registers.OrderBy(r => r.Kind).ThenBy(r => CatalogOrder.IndexOf(r.Name) is var i and >= 0 ? i : int.MaxValue).ThenBy(r => r.Name, StringComparer.Ordinal);
    }

    private static RegisterDefinition Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return RegisterFileReader.Read(reader.ReadToEnd(), resource);
    }

    /// <summary>The dataset catalog's order of its patient registers (docs and reports follow it).</summary>
    private static readonly List<string> CatalogOrder =
    [
        RegisterNames.PatientBackground, RegisterNames.Referral, RegisterNames.Diagnosis, RegisterNames.Visit,
        RegisterNames.InpatientPeriod, RegisterNames.PatientRecordText, RegisterNames.Laboratory, RegisterNames.Procedure,
        RegisterNames.Pathology, RegisterNames.Medication, RegisterNames.IntensiveCare, RegisterNames.PrehospitalCall,
        RegisterNames.Imaging, RegisterNames.Childbirth, RegisterNames.PrehospitalCare, RegisterNames.BasicMeasurement,
    ];
}
