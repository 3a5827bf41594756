using Lake.Pseudonymization;

namespace Lake.Extract.Querying;

/// <summary>
/// A patient in a cohort, by lake identity (in memory only), with the index date and what the
/// patient background register says of birth and sex, when it has the patient.
/// </summary>
public sealed record CohortMember(LakeIdentity Identity, DateTime IndexTime, DateOnly? BirthDate, string? Sex)
{
    public int? AgeAtIndex
    {
        get
        {
            if (BirthDate is not { } birth)
                return null;
            var index = DateOnly.FromDateTime(IndexTime);
            var age = index.Year - birth.Year;
            return index < birth.AddYears(age) ? age - 1 : age;
        }
    }
}
