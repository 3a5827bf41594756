namespace Lake.Synthetic.Care;

/// <summary>An imaging examination, with the referral's question and the statement.</summary>
internal readonly record struct ImagingRecord(int Person, DateTime Time, string ExamNumber, ImagingExam Exam, string Referral, string Statement);
