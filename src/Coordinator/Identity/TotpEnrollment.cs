namespace Lake.Coordinator.Identity;

/// <summary>A new TOTP seed, shown once to the person enrolling: the base32 key and the otpauth URI for an authenticator app.</summary>
public sealed record TotpEnrollment(string UserName, string Base32Secret, string OtpAuthUri)
{
    public override string ToString() => $"TotpEnrollment({UserName}, secret redacted)";
}
