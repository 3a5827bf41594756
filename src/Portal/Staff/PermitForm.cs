using System.Globalization;
using Lake.Contracts.Permits;
using Lake.Contracts.Registers;
using Lake.Coordinator.Permits;
using Lake.Portal.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Lake.Portal.Staff;

/// <summary>
/// The permit forms' fields read into what <see cref="PermitLifecycle"/> takes, as `lake permit add`
/// and `amend` read their options: registers the lake knows, dates as dates, issuer hospital or
/// findata. Names and ids are the lifecycle's to check, so its rules are the only ones.
/// </summary>
public static class PermitForm
{
    public static readonly string[] Issuers = ["hospital", "findata"];

    /// <summary>Member names as typed: separated by spaces, commas or new lines.</summary>
    public static IReadOnlyList<string> Names(string? text) =>
        (text ?? "").Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A permit to record, or what to correct in the form.</summary>
    public static (Permit? Permit, string? Problem) ReadNew(IFormCollection form, RegisterCatalog catalog, DateTimeOffset now, IStringLocalizer<StaffText> text)
    {
        var registers = form["registers"].OfType<string>().ToList();
        var members = Names(form["members"]);
        if (Problem(registers, catalog, text) is { } problem)
            return (null, problem);
        if (!Issuers.Contains(form["issuer"].ToString(), StringComparer.Ordinal))
            return (null, text["IssuerProblem"]);
        if (!TryDate(form, "from", out var from, text, out problem) || !TryDate(form, "to", out var to, text, out problem) || !TryDate(form, "expires", out var expires, text, out problem))
            return (null, problem);
        if (expires is null)
            return (null, text["ExpiresRequired"]);
        if (members.Count == 0)
            return (null, text["MembersRequired"]);
        if (from > to)
            return (null, text["PeriodProblem"]);
        return (new Permit
        {
            Id = form["id"].ToString().Trim(),
            StudyId = form["study"].ToString().Trim(),
            Title = form["title"].ToString().Trim(),
            Issuer = form["issuer"].ToString(),
            Purpose = form["purpose"].ToString().Trim(),
            Registers = registers,
            PeriodFrom = from,
            PeriodTo = to,
            Expires = expires.Value,
            Members = members,
            AllowsFreeText = form["free-text"] == "true",
            AllowsIdentityCodes = form["identity-codes"] == "true",
            RecordedAt = now,
        }, null);
    }

    /// <summary>What the form changes in the permit (a field as it was is no change), null with no problem when it changes nothing.</summary>
    public static (PermitAmendment? Amendment, string? Problem) ReadAmendment(IFormCollection form, Permit permit, RegisterCatalog catalog, IStringLocalizer<StaffText> text)
    {
        var registers = form["registers"].OfType<string>().ToList();
        if (Problem(registers, catalog, text) is { } problem)
            return (null, problem);
        if (!TryDate(form, "from", out var from, text, out problem) || !TryDate(form, "to", out var to, text, out problem) || !TryDate(form, "expires", out var expires, text, out problem))
            return (null, problem);
        // The lifecycle changes a period's ends; it does not take one away.
        if ((from is null && permit.PeriodFrom is not null) || (to is null && permit.PeriodTo is not null) || expires is null)
            return (null, text["DateCannotBeCleared"]);

        var freeText = form["free-text"] == "true";
        var identityCodes = form["identity-codes"] == "true";
        var amendment = new PermitAmendment
        {
            AddMembers = Names(form["add-members"]).Except(permit.Members).ToList(),
            RemoveMembers = form["remove-members"].OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            Registers = registers.Order(StringComparer.Ordinal).SequenceEqual(permit.Registers.Order(StringComparer.Ordinal)) ? null : registers,
            PeriodFrom = from == permit.PeriodFrom ? null : from,
            PeriodTo = to == permit.PeriodTo ? null : to,
            Expires = expires == permit.Expires ? null : expires,
            AllowsFreeText = freeText == permit.AllowsFreeText ? null : freeText,
            AllowsIdentityCodes = identityCodes == permit.AllowsIdentityCodes ? null : identityCodes,
        };
        var changes = amendment.AddMembers.Count > 0 || amendment.RemoveMembers.Count > 0 || amendment.Registers is not null || amendment.PeriodFrom is not null
            || amendment.PeriodTo is not null || amendment.Expires is not null || amendment.AllowsFreeText is not null || amendment.AllowsIdentityCodes is not null;
        return (changes ? amendment : null, null);
    }

    private static string? Problem(List<string> registers, RegisterCatalog catalog, IStringLocalizer<StaffText> text)
    {
        if (registers.Count == 0)
            return text["RegistersRequired"];
        // A name that is no register of the lake is not repeated back: it came from the request, not from the page.
        return registers.All(r => catalog.TryGet(r, out RegisterDefinition _)) ? null : text["UnknownRegister"].Value;
    }

    private static bool TryDate(IFormCollection form, string field, out DateOnly? date, IStringLocalizer<StaffText> text, out string? problem)
    {
        var value = form[field].ToString().Trim();
        date = null;
        problem = null;
        if (value.Length == 0)
            return true;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        problem = text["DateProblem", text["Field." + field]];
        return false;
    }
}
