namespace Lake.Synthetic.Feeds;

/// <summary>Short constructors, so that a feed's layout reads like its export specification.</summary>
internal static class Field
{
    public static FeedField Hetu(string name) => new(name, FieldRole.Identity);

    public static FeedField Text(string name) => new(name);

    public static FeedField Required(string name) => new(name, FieldRole.Required);

    public static FeedField Icd(string name, bool required = false) => new(name, FieldRole.IcdCode | (required ? FieldRole.Required : FieldRole.None));

    /// <summary>The event's time stamp, which every register requires.</summary>
    public static FeedField Event(string name, string format) => new(name, FieldRole.EventTime | FieldRole.Required) { DateFormat = format };

    /// <summary>A date that is not the event but is broken like one, for registers without events.</summary>
    public static FeedField Date(string name, string format) => new(name, FieldRole.EventTime) { DateFormat = format };

    public static FeedField Number(string name, bool required = false) => new(name, required ? FieldRole.Required : FieldRole.None) { JsonNumber = true };
}
