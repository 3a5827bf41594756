namespace Lake.Extract.ControlPlane;

/// <summary>Where a data request stands. Refused and Failed carry a reason; Delivered a folder.</summary>
public enum RequestState
{
    Submitted,
    Refused,
    Accepted,
    Extracting,
    Delivered,
    Failed,
}
