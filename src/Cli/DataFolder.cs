using Lake.Contracts.Lake;
using Lake.Coordinator.ControlPlane;

namespace Lake.Cli;

/// <summary>
/// The data folder a command is pointed at (<c>--data</c>). Only <c>lake init</c> and
/// <c>lake demo</c> make one: every other command stops when the folder is not there, because a
/// mistyped <c>--data</c> would otherwise become a new, empty lake that answers every question
/// with zero and takes permits into a control plane no one else reads.
/// </summary>
internal static class DataFolder
{
    /// <summary>The folder's full path when it exists.</summary>
    /// <exception cref="DirectoryNotFoundException">It does not; the message says how to make one.</exception>
    public static string RequireExisting(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (Directory.Exists(full))
            return full;
        throw new DirectoryNotFoundException(
            $"The data folder '{full}' does not exist (check --data or LAKE_DATA). Create an empty one with 'lake init --data {folder}', or run 'lake demo' for one with synthetic patients.");
    }

    /// <summary>Whether the folder already holds a lake or a control plane (what <see cref="Create"/> makes).</summary>
    public static bool IsInitialized(Workspace workspace) =>
        Directory.Exists(workspace.Layout.Root) || File.Exists(workspace.ControlPlanePath);

    /// <summary>
    /// The layout every other command expects, each folder owner-only (0700): the lake with its
    /// batch and quarantine folders, the control-plane database with its schema, the delivery area,
    /// the feeds and the lake's own register files.
    /// </summary>
    public static void Create(Workspace workspace)
    {
        OwnerOnly.CreateFolder(workspace.DataFolder);
        OwnerOnly.CreateFolder(workspace.Layout.BatchesFolder);
        OwnerOnly.CreateFolder(workspace.Layout.QuarantineFolder);
        OwnerOnly.CreateFolder(Path.GetDirectoryName(workspace.ControlPlanePath)!);
        _ = new ControlPlaneDataSource(workspace.ControlPlanePath);
        OwnerOnly.CreateFolder(workspace.DeliveryRoot);
        OwnerOnly.CreateFolder(workspace.FeedsFolder);
        OwnerOnly.CreateFolder(workspace.RegistersFolder);
    }
}
