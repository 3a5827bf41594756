using Lake.Contracts.Files;
using System.Diagnostics;
using Lake.Contracts.Lake;
using Lake.Extract.Access;

namespace Lake.Extract.Delivery;

/// <summary>
/// The delivery area of a data folder (<c>delivery/&lt;study&gt;/&lt;request&gt;/</c>) and who the
/// operating system lets into it. Everything in it is owner-only; a delivery's access list adds
/// read access (folders r-x, files r--) for the operating-system accounts of the permit's current
/// members, and the folders above it (the data folder, <c>delivery/</c>, the study's folder) let
/// those accounts pass through (--x) without listing anything. Rewritten whole on every change,
/// so a removed member's entry is gone at once. See docs/delivery-access.md.
/// </summary>
public sealed class DeliveryArea
{
    public const string FolderName = "delivery";

    private const string LockName = ".access.lock";

    private readonly FileAcl _acl;

    /// <param name="dataFolder">The data folder; Lake manages access lists from here down and never above it.</param>
    /// <param name="accounts">Lake user → operating-system account.</param>
    /// <param name="setfacl">The setfacl command (<see cref="AccountsOptions.Setfacl"/>).</param>
    public DeliveryArea(string dataFolder, OperatingSystemAccounts accounts, string setfacl = "setfacl")
    {
        DataFolder = Path.GetFullPath(dataFolder);
        Root = Path.Combine(DataFolder, FolderName);
        Accounts = accounts;
        _acl = new FileAcl(setfacl);
    }

    public string DataFolder { get; }

    public string Root { get; }

    public OperatingSystemAccounts Accounts { get; }

    /// <summary>A study's folder; refused when it, or the delivery area under the data folder, is a planted link.</summary>
    /// <exception cref="RefusedPathException">A part of the path is a symbolic link, or the id leads out of the area.</exception>
    public string StudyFolder(string studyId) => ContainedPath.Under(Root, studyId);

    /// <summary>One request's delivery folder, or (with a suffix) its unfinished one, checked like <see cref="StudyFolder"/>.</summary>
    public string RequestFolder(string studyId, string requestFolder) => ContainedPath.Under(Root, studyId, requestFolder);

    /// <summary>Members with no operating-system account configured: they get no entry and cannot open a delivery.</summary>
    public IReadOnlyList<string> WithoutAccount(IEnumerable<string> members) =>
        [.. members.Where(m => Accounts.AccountFor(m) is null).Distinct(StringComparer.Ordinal)];

    /// <summary>The warning a delivery or an amendment reports for members without an account; null when there are none.</summary>
    public string? WarningFor(IEnumerable<string> members)
    {
        var missing = WithoutAccount(members);
        return missing.Count == 0
            ? null
            : $"no operating-system account configured for {string.Join(", ", missing)} ({OperatingSystemAccounts.Setting}); they cannot open the deliveries";
    }

    /// <summary>
    /// Writes the access list of a complete delivery folder (its files and folders) for exactly these
    /// members, then the pass-through entries above it. When the delivery's own list cannot be
    /// written, the folder is made 0700 first, which also empties the mask of any list it had: a
    /// failure leaves it closed to everyone but Lake, never open to a removed member.
    /// </summary>
    /// <exception cref="DeliveryAccessException">setfacl is missing, failed, or the file system has no ACL support.</exception>
    public void Grant(string deliveryFolder, IReadOnlyCollection<string> members)
    {
        deliveryFolder = Path.GetFullPath(deliveryFolder);
        var study = Path.GetDirectoryName(deliveryFolder)!;
        if (!string.Equals(Path.GetDirectoryName(study), Root, StringComparison.Ordinal))
            throw new ArgumentException($"{deliveryFolder} is not a delivery folder of {Root}.");
        var accounts = AccountsOf(members);
        using (Lock())
        {
            try
            {
                // Links are not followed into, and a delivery with one is not published: Lake makes none.
                var everything = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
                if (Directory.EnumerateFileSystemEntries(deliveryFolder, "*", everything).FirstOrDefault(e => FileTypes.Of(e) == FileType.SymbolicLink) is { } link)
                    throw new RefusedPathException($"{link} is a symbolic link inside a delivery; Lake made none, so it is not followed and the delivery is not published.");
                var folders = Directory.EnumerateDirectories(deliveryFolder, "*", everything).Prepend(deliveryFolder).ToList();
                var files = Directory.EnumerateFiles(deliveryFolder, "*", everything).ToList();
                _acl.Set(Entries("rwx", accounts, "r-x"), folders);
                _acl.Set(Entries("rw-", accounts, "r--"), files);
            }
            catch (DeliveryAccessException)
            {
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(deliveryFolder, OwnerOnly.FolderMode);
                throw;
            }

            PassThrough(study, accounts);
        }
    }

    /// <summary>Rewrites the pass-through entries above a study's deliveries, after some of them were deleted.</summary>
    public void Refresh(string studyId)
    {
        var study = StudyFolder(studyId);
        if (!Directory.Exists(study))
            return;
        using (Lock())
            PassThrough(study, []);
    }

    /// <summary>
    /// The study's folder lets through the members of any of its deliveries; <c>delivery/</c> and the
    /// data folder those of any delivery at all. Computed from every delivery's access.json, so an
    /// account loses passage when its last delivery stops naming it.
    /// </summary>
    private void PassThrough(string study, IReadOnlyCollection<string> granted)
    {
        var studyAccounts = AccountsOf(MembersOf(study)).Union(granted, StringComparer.Ordinal).ToList();
        var allAccounts = Directory.EnumerateDirectories(Root)
            .Where(s => !string.Equals(s, study, StringComparison.Ordinal))
            .SelectMany(s => AccountsOf(MembersOf(s)))
            .Union(studyAccounts, StringComparer.Ordinal)
            .ToList();
        _acl.Set(Entries("rwx", studyAccounts, "--x"), [study]);
        _acl.Set(Entries("rwx", allAccounts, "--x"), [Root, DataFolder]);
    }

    private static IEnumerable<string> MembersOf(string study) =>
        Directory.EnumerateDirectories(study)
            .Where(d => File.Exists(Path.Combine(d, DeliveryAccess.FileName)))
            .SelectMany(DeliveryAccess.Read);

    private List<string> AccountsOf(IEnumerable<string> members) =>
        [.. members.Select(Accounts.AccountFor).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Owner gets <paramref name="owner"/>, group and others nothing, each account <paramref name="named"/>; the mask follows the named entries.</summary>
    private static string Entries(string owner, IEnumerable<string> accounts, string named) =>
        string.Join(",", new[] { $"u::{owner}", "g::---", "o::---" }.Concat(accounts.Select(a => $"u:{a}:{named}")));

    /// <summary>
    /// One writer of access lists at a time, across processes (`lake serve` assembling while
    /// `lake permit amend` runs): the pass-through lists are computed from every delivery, and two
    /// writers interleaving could leave out the other's members.
    /// </summary>
    private FileStream Lock()
    {
        OwnerOnly.CreateFolder(Root);
        var path = Path.Combine(Root, LockName);
        // A timeout, not a time: measured on the monotonic clock, which no test needs to set.
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return OwnerOnly.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not RefusedPathException && waiting.Elapsed < TimeSpan.FromMinutes(1))
            {
                Thread.Sleep(50);
            }
        }
    }
}
