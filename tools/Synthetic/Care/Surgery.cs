namespace Lake.Synthetic.Care;

/// <summary>An operation: THL procedure code, name, how long it takes, anaesthesia, and the specimen it sends to pathology.</summary>
internal sealed record Surgery(string Code, string Name, int MinMinutes, int MaxMinutes, string Anesthesia, PathologySpecimen? Specimen = null);
