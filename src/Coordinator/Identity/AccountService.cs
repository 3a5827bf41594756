using Lake.Coordinator.Audit;
using Lake.Pseudonymization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Lake.Coordinator.Identity;

/// <summary>
/// Lake's local accounts: creation, passwords (ASP.NET Core Identity's PBKDF2 hasher), TOTP second
/// factors (RFC 6238, Otp.NET), disabling, lockout after repeated failures. Every sign-in attempt
/// and every change goes to the audit log; no password, code or seed ever does.
/// </summary>
public sealed class AccountService(IdentityDatabase database, SecretBox secrets, AuditLog audit, IdentityOptions options, TimeProvider time)
{
    private const string TotpPurpose = "totp";
    private const string Issuer = "Lake";
    private static readonly PasswordHasher<LakeAccount> Hasher = new();

    /// <summary>Checked against for unknown names, so they cost the same time as a wrong password.</summary>
    private static readonly string DummyHash = Hasher.HashPassword(new LakeAccount { UserName = "-" }, "not a password of anyone's");

    public async Task<LakeAccount?> FindAsync(string userName, CancellationToken cancellationToken) =>
        AccountNames.IsValid(userName) ? await database.Accounts.FindAsync([userName], cancellationToken) : null;

    public async Task<IReadOnlyList<LakeAccount>> ListAsync(CancellationToken cancellationToken) =>
        await database.Accounts.OrderBy(a => a.UserName).ToListAsync(cancellationToken);

    public async Task<bool> AnyStaffAsync(CancellationToken cancellationToken) =>
        (await database.Accounts.Where(a => !a.Disabled).Select(a => a.Roles).ToListAsync(cancellationToken))
            .Any(roles => roles.Split(' ').Contains(LakeRoles.Staff));

    public async Task<LakeAccount> AddPersonAsync(string actor, string userName, string displayName, IReadOnlyCollection<string> roles, string password, CancellationToken cancellationToken)
    {
        AccountNames.Require(userName);
        RequireRoles(roles);
        RequirePassword(password);
        if (await database.Accounts.FindAsync([userName], cancellationToken) is not null)
            throw new ArgumentException($"A Lake user '{userName}' exists already.");
        var account = new LakeAccount
        {
            UserName = userName, DisplayName = displayName, Roles = string.Join(' ', roles), Kind = AccountKind.Person, Created = time.GetUtcNow(),
        };
        account.PasswordHash = Hasher.HashPassword(account, password);
        database.Accounts.Add(account);
        await database.SaveChangesAsync(cancellationToken);
        audit.Append(actor, "user.add", $"user {userName}", "done", $"roles {account.Roles}");
        return account;
    }

    /// <summary>A service's account: its roles; its secret is its OpenIddict client's.</summary>
    public async Task<LakeAccount> AddServiceAsync(string actor, string name, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        AccountNames.Require(name, "service name");
        RequireRoles(roles);
        if (await database.Accounts.FindAsync([name], cancellationToken) is not null)
            throw new ArgumentException($"A Lake user or service '{name}' exists already.");
        var account = new LakeAccount { UserName = name, Roles = string.Join(' ', roles), Kind = AccountKind.Service, Created = time.GetUtcNow() };
        database.Accounts.Add(account);
        await database.SaveChangesAsync(cancellationToken);
        audit.Append(actor, "service.add", $"service {name}", "done", $"roles {account.Roles}");
        return account;
    }

    public async Task SetPasswordAsync(string actor, string userName, string password, CancellationToken cancellationToken)
    {
        var account = await RequirePersonAsync(userName, cancellationToken);
        RequirePassword(password);
        account.PasswordHash = Hasher.HashPassword(account, password);
        account.FailedAttempts = 0;
        account.LockedUntil = null;
        await database.SaveChangesAsync(cancellationToken);
        audit.Append(actor, "user.reset-password", $"user {userName}", "done");
    }

    public async Task SetDisabledAsync(string actor, string userName, bool disabled, CancellationToken cancellationToken)
    {
        var account = await FindAsync(userName, cancellationToken) ?? throw new KeyNotFoundException($"No Lake user '{AccountNames.Printable(userName)}'.");
        account.Disabled = disabled;
        await database.SaveChangesAsync(cancellationToken);
        audit.Append(actor, disabled ? "user.disable" : "user.enable", $"user {userName}", "done");
    }

    public async Task SetRolesAsync(string actor, string userName, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        RequireRoles(roles);
        var account = await FindAsync(userName, cancellationToken) ?? throw new KeyNotFoundException($"No Lake user '{AccountNames.Printable(userName)}'.");
        account.Roles = string.Join(' ', roles);
        await database.SaveChangesAsync(cancellationToken);
        audit.Append(actor, "user.roles", $"user {userName}", "done", $"roles {account.Roles}");
    }

    /// <summary>A fresh TOTP seed replaces any earlier one; the caller shows it once.</summary>
    public async Task<TotpEnrollment> EnrollTotpAsync(string actor, string userName, CancellationToken cancellationToken)
    {
        var account = await RequirePersonAsync(userName, cancellationToken);
        var seed = KeyGeneration.GenerateRandomKey(20);
        account.TotpSecret = secrets.Seal(TotpPurpose, userName, seed);
        account.TotpLastStep = 0;
        await database.SaveChangesAsync(cancellationToken);
        audit.Append(actor, "user.enroll-totp", $"user {userName}", "done");
        var base32 = Base32Encoding.ToString(seed);
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={base32}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
        return new TotpEnrollment(userName, base32, uri);
    }

    /// <summary>
    /// Checks a person's password and TOTP code. Failures count towards the lockout whatever their
    /// kind; a locked or disabled account is refused before the password is even checked.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string userName, string password, string? code, string channel, CancellationToken cancellationToken)
    {
        var outcome = await CheckAsync(userName, password, code, cancellationToken);
        var actor = AccountNames.IsValid(userName) ? userName : "(invalid name)";
        audit.Append(actor, "login", $"{channel} sign-in", outcome == SignInOutcome.Succeeded ? "allowed" : "refused", Describe(outcome));
        return outcome;
    }

    public static string Describe(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.Succeeded => "signed in",
        SignInOutcome.BadCredentials => "unknown user or wrong password",
        SignInOutcome.BadSecondFactor => "the one-time code is wrong or was used already",
        SignInOutcome.SecondFactorNotEnrolled => "no second factor enrolled; ask data-service staff to run 'lake users enroll-totp'",
        SignInOutcome.LockedOut => "too many failed attempts; the account is locked for a while",
        SignInOutcome.Disabled => "the account is disabled",
        _ => outcome.ToString(),
    };

    private async Task<SignInOutcome> CheckAsync(string userName, string password, string? code, CancellationToken cancellationToken)
    {
        var account = await FindAsync(userName, cancellationToken);
        if (account is null || account.Kind != AccountKind.Person)
        {
            // Hash anyway, so the answer for an unknown name takes as long as for a wrong password.
            Hasher.VerifyHashedPassword(new LakeAccount { UserName = "-" }, DummyHash, password);
            return SignInOutcome.BadCredentials;
        }

        var now = time.GetUtcNow();
        if (account.Disabled)
            return SignInOutcome.Disabled;
        if (account.LockedUntil is { } until && until > now)
            return SignInOutcome.LockedOut;

        var passwordResult = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (passwordResult == PasswordVerificationResult.Failed)
            return await FailAsync(account, SignInOutcome.BadCredentials, now, cancellationToken);
        if (passwordResult == PasswordVerificationResult.SuccessRehashNeeded)
            account.PasswordHash = Hasher.HashPassword(account, password);

        if (account.TotpSecret is null)
        {
            if (options.RequireTwoFactor)
                return await FailAsync(account, SignInOutcome.SecondFactorNotEnrolled, now, cancellationToken);
        }
        else
        {
            var seed = secrets.Open(TotpPurpose, account.UserName, account.TotpSecret)
                ?? throw new InvalidDataException($"The second factor of '{account.UserName}' cannot be opened with this key ring; enroll it again.");
            var totp = new Totp(seed);
            // One step either side for clock drift; a step at or before the last one used is a replay.
            if (string.IsNullOrWhiteSpace(code) || !totp.VerifyTotp(now.UtcDateTime, code.Trim(), out var step, new VerificationWindow(1, 1)) || step <= account.TotpLastStep)
                return await FailAsync(account, SignInOutcome.BadSecondFactor, now, cancellationToken);
            account.TotpLastStep = step;
        }

        account.FailedAttempts = 0;
        account.LockedUntil = null;
        await database.SaveChangesAsync(cancellationToken);
        return SignInOutcome.Succeeded;
    }

    private async Task<SignInOutcome> FailAsync(LakeAccount account, SignInOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        account.FailedAttempts++;
        if (account.FailedAttempts >= options.MaxFailedAttempts)
        {
            account.LockedUntil = now + options.LockoutDuration;
            account.FailedAttempts = 0;
            await database.SaveChangesAsync(cancellationToken);
            audit.Append(account.UserName, "user.lockout", $"user {account.UserName}", "locked", $"{options.MaxFailedAttempts} failed sign-ins; locked until {account.LockedUntil:O}");
            return outcome;
        }

        await database.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    private async Task<LakeAccount> RequirePersonAsync(string userName, CancellationToken cancellationToken)
    {
        var account = await FindAsync(userName, cancellationToken) ?? throw new KeyNotFoundException($"No Lake user '{AccountNames.Printable(userName)}'.");
        return account.Kind == AccountKind.Person ? account : throw new ArgumentException($"'{userName}' is a service; services have no password or second factor.");
    }

    private void RequirePassword(string password)
    {
        if (password.Length < options.MinPasswordLength)
            throw new ArgumentException($"The password is too short: at least {options.MinPasswordLength} characters.");
    }

    private static void RequireRoles(IReadOnlyCollection<string> roles)
    {
        if (roles.Count == 0)
            throw new ArgumentException($"Give at least one role: {string.Join(", ", LakeRoles.All)}.");
        foreach (var role in roles)
        {
            if (!LakeRoles.IsKnown(role))
                throw new ArgumentException($"'{AccountNames.Printable(role)}' is not a role; the roles are {string.Join(", ", LakeRoles.All)}.");
        }
    }
}
