namespace Lake.Coordinator.Identity;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Unknown user or wrong password: the same answer for both, so names cannot be probed.</summary>
    BadCredentials,

    /// <summary>The password was right and the second factor missing or wrong.</summary>
    BadSecondFactor,

    /// <summary>Two factors are required and none is enrolled.</summary>
    SecondFactorNotEnrolled,

    LockedOut,

    Disabled,
}
