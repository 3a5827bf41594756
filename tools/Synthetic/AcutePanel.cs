namespace Lake.Synthetic;

/// <summary>The laboratory work-up an acute diagnosis brings on the same day.</summary>
internal enum AcutePanel
{
    None,
    Infection,
    UrinaryInfection,
    Cardiac,
    Trauma,
    Gastroenteritis,
}
