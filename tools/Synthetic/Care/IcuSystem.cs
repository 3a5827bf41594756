namespace Lake.Synthetic.Care;

/// <summary>
/// An intensive care information system: its years, its ward, whether it serves children, and its
/// export family. The Caresuite (Picis) systems export JSON Lines, the Clinisoft systems Latin-1 CSV.
/// </summary>
internal sealed record IcuSystem(string Name, string FileName, int FromYear, int ToYear, string Ward, bool Children, bool Caresuite)
{
    public bool Covers(DateTime time) => time.Year >= FromYear && time.Year <= ToYear;
}
