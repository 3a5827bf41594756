namespace Lake.Coordinator.Identity;

public enum AccountKind
{
    Person,
    Service,
}
