using System.Text.Json;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Contracts.Text;
using static Lake.Coordinator.ControlPlane.ControlPlaneSql;

namespace Lake.Coordinator.ControlPlane;

/// <summary>
/// Permits in the control plane, every version kept with what changed, so an audit can say under
/// which scope and group a request was decided. A permit is the aggregate: versions are only
/// ever added, never changed.
/// </summary>
public sealed class PermitStore(ControlPlaneDataSource dataSource, TimeProvider time)
{
    /// <summary>Records a permit's new version with what changed.</summary>
    public async Task SaveAsync(Permit permit, string change, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "INSERT INTO permit_versions (permit_id, version, at, change, document) VALUES ($id, $version, $at, $change, $document)", cancellationToken,
            ("$id", permit.Id), ("$version", permit.Version), ("$at", Instant(time.GetUtcNow())), ("$change", change),
            ("$document", JsonSerializer.Serialize(permit, LakeJson.Options)));
    }

    /// <summary>The permit's latest version, or null when it is not recorded.</summary>
    public async Task<Permit?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        return await ScalarAsync(connection, "SELECT document FROM permit_versions WHERE permit_id = $id ORDER BY version DESC LIMIT 1", cancellationToken, ("$id", id)) is string document
            ? JsonSerializer.Deserialize<Permit>(document, LakeJson.Options)
            : null;
    }

    /// <summary>Every version of a permit, oldest first, with when and why it was made.</summary>
    public async Task<IReadOnlyList<PermitVersion>> HistoryAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        return await RowsAsync(connection, "SELECT version, at, change FROM permit_versions WHERE permit_id = $id ORDER BY version",
            reader => new PermitVersion(reader.GetInt32(0), ParseInstant(reader.GetString(1)), reader.GetString(2)), cancellationToken, ("$id", id));
    }

    /// <summary>The latest version of every permit, by id.</summary>
    public async Task<IReadOnlyList<Permit>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        // The newest version of each permit: the row no later version of the same permit outranks.
        return await RowsAsync(connection, """
            SELECT document FROM permit_versions v
            WHERE version = (SELECT max(version) FROM permit_versions WHERE permit_id = v.permit_id)
            ORDER BY permit_id
            """,
            reader => JsonSerializer.Deserialize<Permit>(reader.GetString(0), LakeJson.Options)!, cancellationToken);
    }

    /// <summary>The latest version of a permit that must be recorded; for staff, who may see every permit id.</summary>
    /// <exception cref="KeyNotFoundException">It is not recorded; the message names the recorded ids closest to the one given.</exception>
    public async Task<Permit> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is { } permit)
            return permit;
        var suggestion = NameSuggestions.DidYouMean(NameSuggestions.For(id, (await ListAsync(cancellationToken)).Select(p => p.Id)));
        throw new KeyNotFoundException($"Permit '{id}' is not recorded" + (suggestion is null ? "; 'lake permit show' needs a recorded permit's id." : $"; {suggestion}"));
    }
}
