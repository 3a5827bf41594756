using System.Globalization;
using Lake.Contracts.Permits;

namespace Lake.Portal.Staff;

/// <summary>Addresses and dates of the staff pages, written one way everywhere.</summary>
public static class StaffLinks
{
    public static string Permit(string id) => $"{PortalDefaults.PermitsPath}/{Uri.EscapeDataString(id)}";

    public static string Source(string slug) => $"{PortalDefaults.SourcesPath}/{Uri.EscapeDataString(slug)}";

    public static string Request(Guid id) => $"{PortalDefaults.RequestsPath}/{id}";

    /// <summary>ISO dates in every language, as the permits are written and the date fields take them.</summary>
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Period(Permit permit) =>
        permit.PeriodFrom is null && permit.PeriodTo is null ? "-" : $"{Date(permit.PeriodFrom)} – {Date(permit.PeriodTo)}";
}
