namespace Lake.Synthetic;

/// <summary>One member of the synthetic population; <paramref name="Sex"/> is "male" or "female".</summary>
public sealed record SyntheticPerson(string Hetu, DateOnly BirthDate, string Sex, DateOnly? DeathDate, string Municipality);
