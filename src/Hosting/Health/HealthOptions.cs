using System.ComponentModel.DataAnnotations;

namespace Lake.Hosting.Health;

/// <summary>
/// Section "Health" of configuration: where a process without a web server of its own (the
/// workers) answers <c>/healthz</c> and <c>/readyz</c>, e.g. <c>Health__Port=8081</c>. The
/// coordinator answers both on its HTTP API as well.
/// </summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Port of the health endpoints; 0, the default, serves none.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>
    /// Host part of the endpoints' address: loopback by default, as a probe on the same host needs
    /// no more; <c>*</c> for every interface, as a container's probe from the kubelet needs.
    /// </summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";
}
