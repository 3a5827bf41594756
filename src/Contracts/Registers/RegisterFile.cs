namespace Lake.Contracts.Registers;

/// <summary>
/// A register file (<c>registers/NAME.yaml</c>) as written: what a data engineer edits to add a
/// register or a column. <see cref="RegisterFileReader"/> checks it and turns it into a
/// <see cref="RegisterDefinition"/>; docs/registers.md describes every setting.
/// </summary>
public sealed class RegisterFile
{
    public string Name { get; set; } = "";

    public int Version { get; set; }

    /// <summary>patient_register (default) or quality_registry.</summary>
    public string Kind { get; set; } = "patient_register";

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public int? ApproximatePatients { get; set; }

    public string? EventColumn { get; set; }

    public string? EndColumn { get; set; }

    /// <summary>[source] or [source, year]; year needs an event column.</summary>
    public List<string> Partitioning { get; set; } = ["source"];

    public List<string> EventKey { get; set; } = [];

    public List<string> NeverCombinedWith { get; set; } = [];

    public MeasurementSetting? Measurement { get; set; }

    public List<ColumnSetting> Columns { get; set; } = [];

    public List<SourceSetting> Sources { get; set; } = [];

    public sealed class ColumnSetting
    {
        public string Name { get; set; } = "";

        /// <summary>text, integer, bigint, double, decimal(p,s), date or timestamp.</summary>
        public string Type { get; set; } = "";

        public bool Required { get; set; }

        public string? Unit { get; set; }

        public bool FreeText { get; set; }

        public List<string> Aliases { get; set; } = [];

        public bool Deprecated { get; set; }

        public PlausibleSetting? Plausible { get; set; }

        public string Description { get; set; } = "";
    }

    public sealed class PlausibleSetting
    {
        public double? Min { get; set; }

        public double? Max { get; set; }
    }

    public sealed class MeasurementSetting
    {
        public string Code { get; set; } = "";

        public string Value { get; set; } = "";

        public string? Unit { get; set; }

        public string Time { get; set; } = "";
    }

    public sealed class SourceSetting
    {
        public string System { get; set; } = "";

        public int From { get; set; }

        public int? To { get; set; }

        public bool Partial { get; set; }

        public string Volume { get; set; } = "";
    }
}
