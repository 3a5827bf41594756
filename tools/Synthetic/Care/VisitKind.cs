namespace Lake.Synthetic.Care;

internal enum VisitKind
{
    FirstVisit,
    FollowUp,
    Emergency,
    Phone,
    Delivery,
}
