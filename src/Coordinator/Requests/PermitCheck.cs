using Lake.Contracts.Extraction;
using Lake.Contracts.Permits;
using Lake.Contracts.Registers;
using Lake.Extract.Querying;

namespace Lake.Coordinator.Requests;

/// <summary>
/// Decides whether a user may have a specification extracted under a permit. Returns the reason
/// for a refusal in words the researcher can act on, or null when the request may go ahead.
/// </summary>
public static class PermitCheck
{
    /// <param name="registers">The lake's registers; the shipped ones when null.</param>
    /// <param name="transfers">
    /// The secure environments deliveries may be transferred to. The coordinator passes its
    /// configuration when a request is submitted; null (a worker's later check) leaves the target unchecked.
    /// </param>
    public static string? RefusalReason(Permit? permit, string permitId, string user, StudySpecification specification, DateOnly today, RegisterCatalog? registers = null,
        TransferOptions? transfers = null)
    {
        registers ??= RegisterCatalog.Shipped;
        if (permit is null)
            return $"Permit '{permitId}' is not recorded. The data service records approved permits with 'lake permit add'; check the permit id.";
        if (permit.Status == PermitStatus.Revoked)
            return $"Permit '{permit.Id}' was revoked ({permit.RevocationReason}); its data can no longer be requested.";
        if (today > permit.Expires)
            return $"Permit '{permit.Id}' expired on {permit.Expires:yyyy-MM-dd}. Apply for an extension before requesting data.";
        if (!permit.Members.Contains(user, StringComparer.Ordinal))
            return $"User '{user}' is not a member of the research group named on permit '{permit.Id}'. Only current members may request its data; the permit holder can add members by amendment.";
        if (specification.Datasets.Count == 0)
            return "The specification lists no datasets; name at least one register under 'datasets'.";

        foreach (var register in RegistersUsed(specification).Where(r => !permit.Registers.Contains(r, StringComparer.Ordinal)))
            return $"The specification uses register '{register}', which permit '{permit.Id}' does not cover (it covers: {string.Join(", ", permit.Registers)}).";

        // The cohort is chosen from events in its period: that reading is processing too, so it stays inside the permit.
        var cohort = specification.Cohort;
        if (permit.PeriodFrom is { } cohortFrom && (cohort.From is null || cohort.From < cohortFrom))
            return $"cohort starts {(cohort.From is null ? "without a 'from' date" : $"on {cohort.From:yyyy-MM-dd}")}, before permit '{permit.Id}' begins ({cohortFrom:yyyy-MM-dd}); set cohort 'from' within the permit's period.";
        if (permit.PeriodTo is { } cohortTo && (cohort.To is null || cohort.To > cohortTo))
            return $"cohort ends {(cohort.To is null ? "without a 'to' date" : $"on {cohort.To:yyyy-MM-dd}")}, after permit '{permit.Id}' ends ({cohortTo:yyyy-MM-dd}); set cohort 'to' within the permit's period.";

        for (var i = 0; i < specification.Datasets.Count; i++)
        {
            var dataset = specification.Datasets[i];
            if (!registers.TryGet(dataset.Register, out var register) || register.EventColumn is null)
                continue; // No events, no period: patient background is one row per patient.
            if (permit.PeriodFrom is { } from && (dataset.From is null || dataset.From < from))
                return $"datasets[{i}] ({dataset.Register}) starts {(dataset.From is null ? "without a 'from' date" : $"on {dataset.From:yyyy-MM-dd}")}, before permit '{permit.Id}' begins ({from:yyyy-MM-dd}); set 'from' within the permit's period.";
            if (permit.PeriodTo is { } to && (dataset.To is null || dataset.To > to))
                return $"datasets[{i}] ({dataset.Register}) ends {(dataset.To is null ? "without a 'to' date" : $"on {dataset.To:yyyy-MM-dd}")}, after permit '{permit.Id}' ends ({to:yyyy-MM-dd}); set 'to' within the permit's period.";
        }

        return DeliveryRefusalReason(permit, specification, registers) ?? TransferRefusalReason(specification.Delivery.TransferTo, transfers);
    }

    private static string? TransferRefusalReason(string? target, TransferOptions? transfers)
    {
        if (target is null || transfers is null || transfers.Find(target) is not null)
            return null;
        var configured = transfers.TransferTargets.Count == 0
            ? "this data service has no secure environment configured for transfers). Leave"
            : "the environments are: " + string.Join(", ", transfers.TransferTargets.Select(t => t.Name)) + "). Choose one of them, or leave";
        return $"delivery.transfer_to: '{target}' is not a secure environment deliveries are transferred to ({configured} transfer_to out to receive the delivery in Lake's delivery area.";
    }

    /// <summary>Free text and identity codes go out only where the permit says so, and free text only when asked for.</summary>
    private static string? DeliveryRefusalReason(Permit permit, StudySpecification specification, RegisterCatalog registers)
    {
        var delivery = specification.Delivery;
        if (delivery.FreeText && !permit.AllowsFreeText)
            return $"delivery.free_text: permit '{permit.Id}' does not allow free text. Set free_text to false; if the permit authority granted free text, the data service records that with 'lake permit add --free-text'.";
        if (delivery.IdentityCodes && !permit.AllowsIdentityCodes)
            return $"delivery.identity_codes: permit '{permit.Id}' does not allow releasing identity codes; only a permit that explicitly allows it (e.g. a consent-based study) can. Set identity_codes to false to receive study pseudonyms only.";
        if (delivery.FreeText)
            return null;

        for (var i = 0; i < specification.Datasets.Count; i++)
        {
            var dataset = specification.Datasets[i];
            if (dataset.Register == RegisterNames.PatientRecordText)
                return $"datasets[{i}] ({dataset.Register}) is free text, but delivery.free_text is not set. Set free_text: true (the permit must allow free text) or remove the dataset.";
            if (registers.TryGet(dataset.Register, out var register) && dataset.Columns.FirstOrDefault(c => register.FindColumnOrAlias(c)?.FreeText == true) is { } column)
                return $"datasets[{i}].columns: {column} of {dataset.Register} is free text, but delivery.free_text is not set. Set free_text: true (the permit must allow free text) or leave the column out.";
        }

        return null;
    }

    /// <summary>The registers read to select the cohort (every criterion's, and the background for sex and age), and those delivered.</summary>
    public static IEnumerable<string> RegistersUsed(StudySpecification specification) => SpecificationRegisters.Used(specification);
}
