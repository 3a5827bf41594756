using System.Security.Claims;
using System.Text.Json;
using Lake.Coordinator.Authority;
using Lake.Coordinator.Identity;

namespace Lake.Coordinator.Access;

/// <summary>
/// Reads the caller out of a validated token's claims, by the claim names the configuration
/// gives: the embedded authority's <c>sub</c> and <c>role</c>, or an identity provider's own
/// (Keycloak keeps realm roles inside the JSON claim <c>realm_access</c>).
/// </summary>
public sealed class CallerClaims(AuthOptions options)
{
    public Caller? From(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst(options.SubjectClaim)?.Value;
        // A subject Lake cannot use as a member name is no subject: permits and ACLs name users by it.
        if (!AccountNames.IsValid(subject))
            return null;
        var roles = RoleValues(principal)
            .Select(value => options.RoleMap.TryGetValue(value, out var mapped) ? mapped : value)
            .Where(LakeRoles.IsKnown)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new Caller(subject!, roles, "token");
    }

    private IEnumerable<string> RoleValues(ClaimsPrincipal principal)
    {
        var path = options.RoleClaim.Split('.');
        foreach (var claim in principal.FindAll(path[0]))
        {
            if (path.Length == 1)
            {
                foreach (var value in JsonValues(claim.Value, []))
                    yield return value;
                continue;
            }

            foreach (var value in JsonValues(claim.Value, path[1..]))
                yield return value;
        }
    }

    /// <summary>A claim's value: a plain string, a JSON array of strings, or a JSON object to walk into.</summary>
    private static IEnumerable<string> JsonValues(string value, string[] path)
    {
        if (path.Length == 0 && !value.StartsWith('[') && !value.StartsWith('{'))
            return [value];
        try
        {
            using var document = JsonDocument.Parse(value);
            var element = document.RootElement;
            foreach (var step in path)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element))
                    return [];
            }

            return element.ValueKind switch
            {
                JsonValueKind.Array => element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
                JsonValueKind.String => [element.GetString()!],
                _ => [],
            };
        }
        catch (JsonException)
        {
            return path.Length == 0 ? [value] : [];
        }
    }
}
