using Lake.Contracts.Files;
using Lake.Contracts.Lake;

namespace Lake.Coordinator.ControlPlane;

/// <summary>
/// The files of a SQLite database in the control folder (the control plane's, the identity
/// store's): the database and the -wal, -shm and -journal files SQLite makes beside it. SQLite
/// follows a symbolic link at any of those names, and Microsoft.Data.Sqlite cannot pass it
/// SQLITE_OPEN_NOFOLLOW, so each is checked, with the folder, before the database is opened.
/// </summary>
internal static class SqliteDatabaseFiles
{
    private static readonly string[] Companions = ["-wal", "-shm", "-journal"];

    /// <summary>Checks the database's files and makes its folder (0700); returns the database's full path.</summary>
    /// <exception cref="RefusedPathException">The folder or one of the files is a symbolic link.</exception>
    public static string Prepare(string databasePath)
    {
        var path = ContainedPath.FileAndFolder(databasePath);
        foreach (var companion in Companions)
            ContainedPath.ThrowIfLink(path + companion);
        OwnerOnly.CreateFolder(Path.GetDirectoryName(path)!);
        return path;
    }
}
