using OtpNet;

namespace Lake.Testing;

/// <summary>
/// A person the tests sign in as: name, password and, once enrolled, the TOTP seed their
/// authenticator app would hold. It remembers the last time step it used, because the
/// authority accepts a step once.
/// </summary>
public sealed class TestAccount(string userName, string password, string? totpSeed)
{
    private const int StepSeconds = 30;

    private readonly Totp? _totp = totpSeed is null ? null : new Totp(Base32Encoding.ToBytes(totpSeed));
    private long _lastStep;

    public string UserName { get; } = userName;

    public string Password { get; } = password;

    /// <summary>The code for the current time step, whether or not it was used already.</summary>
    public string CurrentCode() => CodeFor(CurrentStep());

    /// <summary>
    /// A code the authority has not seen yet: the current step, or the next one when the current
    /// was used (the authority accepts one step either side). Waits for the clock when both are used.
    /// </summary>
    public async Task<string> NextCodeAsync()
    {
        while (true)
        {
            var current = CurrentStep();
            var step = Math.Max(current, _lastStep + 1);
            if (step <= current + 1)
            {
                _lastStep = step;
                return CodeFor(step);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Six digits that are no valid code in the accepted window (the step before, the current and the next).</summary>
    public string WrongCode()
    {
        var current = CurrentStep();
        var valid = new[] { CodeFor(current - 1), CodeFor(current), CodeFor(current + 1), CodeFor(current + 2) };
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(code => !valid.Contains(code));
    }

    private static long CurrentStep() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds;

    private string CodeFor(long step) =>
        (_totp ?? throw new InvalidOperationException($"{UserName} has no second factor enrolled."))
            .ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime);
}
