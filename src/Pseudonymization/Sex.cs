namespace Lake.Pseudonymization;

/// <summary>Sex as recorded in the identity code: odd individual numbers are male, even female.</summary>
public enum Sex
{
    Male = 1,
    Female = 2,
}
