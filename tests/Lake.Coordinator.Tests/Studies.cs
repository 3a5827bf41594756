using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Extract.Specifications;

namespace Lake.Coordinator.Tests;

/// <summary>A study the tests ask for, the permit that covers it, and the bodies of the API calls about it.</summary>
internal static class Studies
{
    /// <summary>Within <see cref="Permit"/>'s registers and period, so only membership and expiry decide.</summary>
    public const string Yaml = """
        version: 1
        title: Type 2 diabetes and glycaemic control
        cohort:
          icd10: [E11]
          from: 2020-01-01
          to: 2025-12-31
        datasets:
          - register: patient_background
          - register: diagnosis
            from: 2020-01-01
            to: 2025-12-31
          - register: laboratory
            columns: [sample_time, test_code, result_value, result_unit]
            from: 2020-01-01
            to: 2025-12-31
        """;

    public static Permit Permit(string id, IReadOnlyList<string> members, DateOnly expires) => new()
    {
        Id = id,
        StudyId = "study-" + id.ToLowerInvariant(),
        Title = "Type 2 diabetes and glycaemic control",
        Registers = ["patient_background", "diagnosis", "laboratory"],
        PeriodFrom = new DateOnly(2015, 1, 1),
        PeriodTo = new DateOnly(2025, 12, 31),
        Expires = expires,
        Members = members,
        RecordedAt = DateTimeOffset.UtcNow,
    };

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The body of POST /requests; <paramref name="extra"/> adds properties a client should not send.</summary>
    public static HttpContent Submission(string permitId, params (string Name, string Value)[] extra)
    {
        var body = new JsonObject
        {
            ["specification"] = JsonSerializer.SerializeToNode(SpecificationReader.Parse(Yaml), LakeJson.Options),
            ["permitId"] = permitId,
        };
        foreach (var (name, value) in extra)
            body[name] = value;
        return new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
    }

    /// <summary>The body of POST /studies/preliminary: the specification's YAML as it is.</summary>
    public static HttpContent Preliminary() =>
        new StringContent(Yaml, Encoding.UTF8, new MediaTypeHeaderValue("application/yaml"));
}
