using DuckDB.NET.Data;
using Lake.Extract.Omop;

namespace Lake.Extract.Tests.Omop;

public sealed class OmopUnitSpellingTests
{
    [TestCase("mmol/l", "mmol/L")]
    [TestCase("ml/min", "mL/min")]
    [TestCase("g/dl", "g/dL")]
    [TestCase("10E9/l", "10E9/L")]
    [TestCase("l", "L")]
    [TestCase("mmHg", "mm[Hg]")]
    [TestCase("°C", "Cel")]
    [TestCase("bpm", "/min")]
    // Letters l inside a unit's name are not litres.
    [TestCase("mmol/mol", "mmol/mol")]
    [TestCase("kg", "kg")]
    [TestCase("cells/ul", "cells/uL")]
    public void Ucum_LakeSpelling_IsTheUcumCode(string lake, string ucum)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {OmopUnitSpelling.Ucum("unit")} FROM (SELECT $1 AS unit)";
        command.Parameters.Add(new DuckDBParameter(lake));

        Assert.That(command.ExecuteScalar(), Is.EqualTo(ucum));
    }
}
