using Lake.Contracts.Files;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Delivery;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Permits;

/// <summary>
/// Amending, revoking and closing permits, with what each means for data already delivered:
/// a removed member loses access to the study's deliveries at once, and when a permit is revoked
/// or has expired its deliveries are deleted together with the study key, so the study's
/// pseudonyms can never again be linked to anything. The operating system enforces access: each
/// amendment rewrites the deliveries' access lists (<see cref="DeliveryArea"/>). Every step is in the audit log.
/// </summary>
public sealed class PermitLifecycle(PermitStore permits, AuditLog audit, IKeyStore keys, DeliveryArea deliveries, TimeProvider time)
{
    public async Task<Permit> RecordAsync(Permit permit, string actor, CancellationToken cancellationToken)
    {
        if (NameProblem(permit.Id, permit.StudyId, permit.Members) is { } problem)
        {
            // Refused before anything is stored; the attempt itself is worth an audit entry.
            audit.Append(actor, "permit.record", $"permit {LakeNames.Printable(permit.Id)}", "refused", problem);
            throw new ArgumentException(problem);
        }

        if (await permits.FindAsync(permit.Id, cancellationToken) is not null)
            throw new ArgumentException($"Permit '{permit.Id}' is already recorded; change it with 'lake permit amend'.");
        await permits.SaveAsync(permit with { Version = 1 }, "recorded", cancellationToken);
        audit.Append(actor, "permit.record", $"permit {permit.Id} v1", "recorded", Describe(permit));
        return permit;
    }

    public async Task<Permit> AmendAsync(string permitId, string actor, PermitAmendment amendment, CancellationToken cancellationToken)
    {
        var permit = await CurrentAsync(permitId, cancellationToken);
        var (addMembers, removeMembers) = (amendment.AddMembers, amendment.RemoveMembers);
        var (registers, expires, allowsFreeText, allowsIdentityCodes) = (amendment.Registers, amendment.Expires, amendment.AllowsFreeText, amendment.AllowsIdentityCodes);
        if (permit.Status == PermitStatus.Revoked)
            throw new ArgumentException($"Permit '{permitId}' was revoked; a revoked permit cannot be amended.");

        if (NameProblem(permit.Id, permit.StudyId, addMembers) is { } problem)
        {
            audit.Append(actor, "permit.amend", $"permit {permit.Id}", "refused", problem);
            throw new ArgumentException(problem);
        }

        if (removeMembers.FirstOrDefault(m => !permit.Members.Contains(m)) is { } stranger)
            throw new ArgumentException($"'{LakeNames.Printable(stranger)}' is not a member of permit '{permitId}'; its members are {string.Join(", ", permit.Members)}.");
        var (periodFrom, periodTo) = (amendment.PeriodFrom ?? permit.PeriodFrom, amendment.PeriodTo ?? permit.PeriodTo);
        if (periodFrom > periodTo)
            throw new ArgumentException($"The period of permit '{permitId}' would end ({periodTo:yyyy-MM-dd}) before it begins ({periodFrom:yyyy-MM-dd}).");

        var members = permit.Members.Except(removeMembers).Concat(addMembers.Except(permit.Members)).ToList();
        if (members.Count == 0)
            throw new ArgumentException($"Permit '{permitId}' would have no members left; revoke it instead.");
        var amended = permit with
        {
            Version = permit.Version + 1,
            Members = members,
            Registers = registers ?? permit.Registers,
            PeriodFrom = periodFrom,
            PeriodTo = periodTo,
            Expires = expires ?? permit.Expires,
            AllowsFreeText = allowsFreeText ?? permit.AllowsFreeText,
            AllowsIdentityCodes = allowsIdentityCodes ?? permit.AllowsIdentityCodes,
        };
        var change = string.Join("; ", new[]
        {
            addMembers.Count > 0 ? $"added {string.Join(", ", addMembers)}" : null,
            removeMembers.Count > 0 ? $"removed {string.Join(", ", removeMembers)}" : null,
            registers is not null ? $"registers {string.Join(", ", registers)}" : null,
            amendment.PeriodFrom is not null || amendment.PeriodTo is not null ? $"period {periodFrom:yyyy-MM-dd}..{periodTo:yyyy-MM-dd}" : null,
            expires is not null ? $"expires {expires:yyyy-MM-dd}" : null,
            allowsFreeText is { } text ? $"free text {(text ? "allowed" : "not allowed")}" : null,
            allowsIdentityCodes is { } codes ? $"identity codes {(codes ? "allowed" : "not allowed")}" : null,
        }.Where(c => c is not null));
        await permits.SaveAsync(amended, "amended: " + change, cancellationToken);

        // The permit is saved first: should an access list fail, the folder is closed to all but
        // Lake (DeliveryArea.Grant), and the next amendment or delivery writes it from this version.
        var folders = Deliveries(amended).ToList();
        var withoutAccount = deliveries.WithoutAccount(amended.Members);
        foreach (var folder in folders)
        {
            DeliveryAccess.Write(folder, amended, time.GetUtcNow(), withoutAccount.Count == 0 ? null : withoutAccount);
            deliveries.Grant(folder, amended.Members);
        }

        var warning = deliveries.WarningFor(amended.Members);
        audit.Append(actor, "permit.amend", $"permit {permitId} v{amended.Version}", "amended",
            $"{change}; access lists of {folders.Count} deliveries updated{(warning is null ? "" : "; " + warning)}");
        return amended;
    }

    public async Task<Permit> RevokeAsync(string permitId, string actor, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new ArgumentException($"Say why permit '{permitId}' is revoked: the reason is recorded in the audit log.");
        var permit = await CurrentAsync(permitId, cancellationToken);
        if (permit.Status == PermitStatus.Revoked)
            throw new ArgumentException($"Permit '{permitId}' was revoked already.");
        var revoked = permit with { Version = permit.Version + 1, Status = PermitStatus.Revoked, RevocationReason = reason };
        await permits.SaveAsync(revoked, "revoked: " + reason, cancellationToken);
        audit.Append(actor, "permit.revoke", $"permit {permitId} v{revoked.Version}", "revoked", reason);
        return await CloseAsync(revoked, actor, "revoked", cancellationToken);
    }

    /// <summary>Closes every permit that has expired and is not yet closed; run daily, and before requests are served.</summary>
    public async Task<IReadOnlyList<Permit>> CloseExpiredAsync(string actor, DateOnly today, CancellationToken cancellationToken)
    {
        var closed = new List<Permit>();
        foreach (var permit in await permits.ListAsync(cancellationToken))
        {
            if (permit.ClosedAt is null && (permit.Expires < today || permit.Status == PermitStatus.Revoked))
                closed.Add(await CloseAsync(permit, actor, permit.Status == PermitStatus.Revoked ? "revoked" : "expired", cancellationToken));
        }

        return closed;
    }

    private async Task<Permit> CloseAsync(Permit permit, string actor, string why, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var leftBehind = new List<string>();
        foreach (var folder in Deliveries(permit))
        {
            // Exactly what the manifest lists: a file planted beside it is reported, a link is not followed.
            var left = DeliveryRemoval.Remove(folder);
            leftBehind.AddRange(left.Select(name => Path.Combine(Path.GetFileName(folder), name)));
            deleted++;
        }

        // Members of the deleted deliveries no longer pass through the folders above them.
        if (deleted > 0)
            deliveries.Refresh(permit.StudyId);

        // Another live permit of the same study still needs the key and its deliveries' pseudonyms.
        var keyDeleted = false;
        var now = time.GetUtcNow();
        if (!(await permits.ListAsync(cancellationToken)).Any(p => p.Id != permit.Id && p.StudyId == permit.StudyId && p.Status == PermitStatus.Approved && p.Expires >= DateOnly.FromDateTime(now.UtcDateTime)))
        {
            keyDeleted = keys.HasStudyKey(permit.StudyId);
            keys.DeleteStudyKey(permit.StudyId);
        }

        var closed = permit with { Version = permit.Version + 1, ClosedAt = now };
        await permits.SaveAsync(closed, $"closed ({why})", cancellationToken);
        audit.Append(actor, "permit.close", $"permit {permit.Id} v{closed.Version}", why,
            $"{deleted} deliveries of study {permit.StudyId} deleted; study key {(keyDeleted ? "deleted" : "kept (another live permit of the study)")}"
            + (leftBehind.Count == 0 ? "" : $"; left for the data service to inspect, not written by Lake: {string.Join(", ", leftBehind.Take(20))}"));
        return closed;
    }

    private Task<Permit> CurrentAsync(string permitId, CancellationToken cancellationToken) => permits.GetAsync(permitId, cancellationToken);

    /// <summary>Delivery folders made under this permit (a study may have had others).</summary>
    private IEnumerable<string> Deliveries(Permit permit)
    {
        var folder = deliveries.StudyFolder(permit.StudyId);
        if (!Directory.Exists(folder))
            return [];
        return Directory.EnumerateDirectories(folder)
            .Where(d => FileTypes.Of(d) == FileType.Directory)
            .Where(d => File.Exists(Path.Combine(d, DeliveryAssembler.ManifestName)) && PermitOf(Path.Combine(d, DeliveryAssembler.ManifestName)) == permit.Id)
            .ToList();
    }

    private static string? PermitOf(string manifest)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
        return document.RootElement.TryGetProperty("permitId", out var id) ? id.GetString() : null;
    }

    private static string Describe(Permit permit) =>
        $"issuer {permit.Issuer}; study {permit.StudyId}; registers {string.Join(", ", permit.Registers)}; period {permit.PeriodFrom:yyyy-MM-dd}..{permit.PeriodTo:yyyy-MM-dd}; " +
        $"expires {permit.Expires:yyyy-MM-dd}; members {string.Join(", ", permit.Members)}; free text {(permit.AllowsFreeText ? "yes" : "no")}; identity codes {(permit.AllowsIdentityCodes ? "yes" : "no")}";

    /// <summary>Why a permit's id, study id or a member's name cannot be used, or null when all can.</summary>
    private static string? NameProblem(string permitId, string studyId, IEnumerable<string> members)
    {
        if (!LakeNames.IsPermitId(permitId))
            return $"'{LakeNames.Printable(permitId)}' is not a valid permit id: {LakeNames.PermitIdRule}.";
        if (!LakeNames.IsStudyId(studyId))
            return $"'{LakeNames.Printable(studyId)}' is not a valid study id: {LakeNames.StudyIdRule}.";
        foreach (var member in members)
        {
            if (!LakeNames.IsUserName(member))
                return $"'{LakeNames.Printable(member)}' is not a valid member name: {LakeNames.UserNameRule}.";
        }

        return null;
    }
}
