using Lake.Coordinator.Identity;

namespace Lake.Portal.Tests;

/// <summary>The data service's people and the permit whose group the staff journey changes, kept apart from the other journeys' permits.</summary>
internal sealed partial class PortalSite
{
    /// <summary>Bob's and Carol's group: the staff journey removes Carol from it.</summary>
    public const string TeamPermit = "P-TEAM";

    /// <summary>Data-service staff: records and amends permits, sees every request and the ingest history.</summary>
    public TestAccount Sanna { get; private set; } = null!;

    /// <summary>A researcher in the group of <see cref="TeamPermit"/> until the staff journey removes her.</summary>
    public TestAccount Carol { get; private set; } = null!;

    /// <summary>An auditor: sees permits, changes none.</summary>
    public TestAccount Aino { get; private set; } = null!;

    /// <summary>Carol's delivered request under <see cref="TeamPermit"/>.</summary>
    public Guid TeamRequest { get; private set; }

    private async Task AddStaffAsync()
    {
        Sanna = await AddPersonAsync("sanna", LakeRoles.Staff);
        Carol = await AddPersonAsync("carol", LakeRoles.Researcher);
        Aino = await AddPersonAsync("aino", LakeRoles.Auditor);
    }
}
