namespace Lake.Synthetic.Care;

/// <summary>A referral to the unit of a first visit; approved a few days after it was written.</summary>
internal readonly record struct ReferralRecord(int Person, DateOnly Date, string ReferringUnit, string ReferringDepartment, string ReceivingUnit, DateOnly? Approved, string Diagnosis, string Kind, bool IsCopy);
