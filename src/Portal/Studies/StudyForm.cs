using System.Globalization;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Extract.Specifications;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Lake.Portal.Studies;

/// <summary>
/// The preliminary study form: the cohort's criteria, period, sex and ages, and the datasets, as
/// typed, turned into the specification model the command line reads from YAML. The form holds no
/// rules of its own: what it builds is checked by <see cref="SpecificationValidator"/>, whose
/// problems are put beside the field they are about.
/// </summary>
public sealed class StudyForm
{
    public const string AllRole = "all";
    public const string AnyRole = "any";
    public const string NotRole = "not";

    /// <summary>Rows a new form has; a button adds more, up to the most a page should carry.</summary>
    public const int FirstCriteria = 3;
    public const int FirstDatasets = 2;
    public const int MostRows = 20;

    public static IReadOnlyList<string> Kinds { get; } = ["diagnosis", "procedure", "medication", "laboratory", "quality_registry", "visit"];

    public static IReadOnlyList<string> Roles { get; } = [AllRole, AnyRole, NotRole];

    public string Title { get; set; } = "";

    public List<CriterionRow> Criteria { get; } = [];

    public string From { get; set; } = "";

    public string To { get; set; } = "";

    /// <summary>male, female, or empty for both.</summary>
    public string Sex { get; set; } = "";

    public string MinAge { get; set; } = "";

    public string MaxAge { get; set; } = "";

    public List<DatasetRow> Datasets { get; } = [];

    /// <summary>A new form: a diagnosis criterion to start from, and empty rows.</summary>
    public static StudyForm New()
    {
        var form = new StudyForm();
        form.Criteria.Add(new CriterionRow { Kind = "diagnosis", Index = true });
        while (form.Criteria.Count < FirstCriteria)
            form.Criteria.Add(new CriterionRow());
        while (form.Datasets.Count < FirstDatasets)
            form.Datasets.Add(new DatasetRow());
        return form;
    }

    /// <summary>The form as posted; the rows' count is the posted one, within <see cref="MostRows"/>.</summary>
    public static StudyForm Read(IFormCollection posted)
    {
        string Text(string name) => posted[name].ToString().Trim();
        var form = new StudyForm
        {
            Title = Text("title"),
            From = Text("cohort-from"),
            To = Text("cohort-to"),
            Sex = Text("sex"),
            MinAge = Text("min-age"),
            MaxAge = Text("max-age"),
        };
        for (var i = 0; i < Count(Text("criteria"), FirstCriteria); i++)
        {
            form.Criteria.Add(new CriterionRow
            {
                Kind = Kinds.Contains(Text($"c{i}-kind")) ? Text($"c{i}-kind") : "",
                Role = Roles.Contains(Text($"c{i}-role")) ? Text($"c{i}-role") : AllRole,
                Codes = Text($"c{i}-codes"),
                Specialty = Text($"c{i}-specialty"),
                Min = Text($"c{i}-min"),
                Max = Text($"c{i}-max"),
                From = Text($"c{i}-from"),
                To = Text($"c{i}-to"),
                DaysBefore = Text($"c{i}-before"),
                DaysAfter = Text($"c{i}-after"),
                Index = Text($"c{i}-index") == "true",
            });
        }

        for (var j = 0; j < Count(Text("datasets"), FirstDatasets); j++)
        {
            form.Datasets.Add(new DatasetRow
            {
                Register = Text($"d{j}-register"),
                Columns = Text($"d{j}-columns"),
                From = Text($"d{j}-from"),
                To = Text($"d{j}-to"),
                FilterColumn = Text($"d{j}-filter-column"),
                FilterValues = Text($"d{j}-filter-values"),
                FilterMin = Text($"d{j}-filter-min"),
                FilterMax = Text($"d{j}-filter-max"),
                Terms = Text($"d{j}-terms"),
                Specialties = Text($"d{j}-specialties"),
            });
        }

        return form;
    }

    /// <summary>
    /// The specification the form describes, or null with the problems to correct: first what is
    /// not a number or a date, then what the specification's own validator says, each put beside
    /// its field.
    /// </summary>
    public StudySpecification? Build(RegisterCatalog registers, IStringLocalizer text, out IReadOnlyList<FormProblem> problems)
    {
        var found = new List<FormProblem>();
        var reader = new FieldReader(found, text);
        var leaves = Criteria.Select((row, i) => (Row: i, Role: row.Role, Leaf: row.IsUsed ? Leaf(row, i, reader) : null)).Where(c => c.Leaf is not null).ToList();
        if (leaves.Count == 0)
            found.Add(new FormProblem("c0-kind", text["NoCriterion"], InEnglish: false));

        // The tree the specification format has: the "all" rows, the "any" rows as one any-group
        // inside it, and each "not" row as a not-part of it; one positive row alone is the inclusion itself.
        var paths = new List<(string Path, string Field)>();
        var parts = new List<CohortCriterion>();
        var positives = leaves.Where(l => l.Role == AllRole).ToList();
        var alternatives = leaves.Where(l => l.Role == AnyRole).ToList();
        var negatives = leaves.Where(l => l.Role == NotRole).ToList();
        var single = positives.Count + alternatives.Count + negatives.Count == 1 && negatives.Count == 0;
        foreach (var (row, _, leaf) in positives)
        {
            paths.Add((single ? "cohort.include" : $"cohort.include.all[{parts.Count}]", $"c{row}"));
            parts.Add(leaf!);
        }

        if (alternatives.Count == 1)
        {
            paths.Add((single ? "cohort.include" : $"cohort.include.all[{parts.Count}]", $"c{alternatives[0].Row}"));
            parts.Add(alternatives[0].Leaf!);
        }
        else if (alternatives.Count > 1)
        {
            paths.AddRange(alternatives.Select((a, m) => ($"cohort.include.all[{parts.Count}].any[{m}]", $"c{a.Row}")));
            parts.Add(new CohortCriterion { Any = alternatives.Select(a => a.Leaf!).ToList() });
        }

        foreach (var (row, _, leaf) in negatives)
        {
            paths.Add(($"cohort.include.all[{parts.Count}].not", $"c{row}"));
            parts.Add(new CohortCriterion { Not = leaf });
        }

        var datasets = new List<DatasetRequest>();
        foreach (var (row, j) in Datasets.Select((d, j) => (d, j)).Where(d => d.d.IsUsed))
        {
            paths.Add(($"datasets[{datasets.Count}]", $"d{j}"));
            datasets.Add(Dataset(row, j, reader));
        }

        var specification = new StudySpecification
        {
            Title = Title,
            Cohort = new CohortCriteria
            {
                Include = parts.Count == 0 ? null : single ? parts[0] : new CohortCriterion { All = parts },
                From = reader.Date(From, "cohort-from"),
                To = reader.Date(To, "cohort-to"),
                Sex = Sex is "male" or "female" ? Sex : null,
                MinAge = reader.Integer(MinAge, "min-age"),
                MaxAge = reader.Integer(MaxAge, "max-age"),
            },
            Datasets = datasets,
        };
        if (found.Count == 0)
            found.AddRange(SpecificationValidator.Validate(specification, registers).Select(p => new FormProblem(FieldOf(p, paths), p, InEnglish: true)));
        problems = found;
        return found.Count == 0 ? specification : null;
    }

    private static CohortCriterion Leaf(CriterionRow row, int i, FieldReader reader)
    {
        var window = new EventWindow
        {
            From = reader.Date(row.From, $"c{i}-from"),
            To = reader.Date(row.To, $"c{i}-to"),
            WithinDaysBeforeIndex = reader.Integer(row.DaysBefore, $"c{i}-before"),
            WithinDaysAfterIndex = reader.Integer(row.DaysAfter, $"c{i}-after"),
        };
        var codes = Words(row.Codes);
        return row.Kind switch
        {
            "diagnosis" => new CohortCriterion { Diagnosis = new DiagnosisCriterion { Icd10 = codes, Specialty = List(row.Specialty), Window = window, Index = row.Index } },
            "procedure" => new CohortCriterion { Procedure = new ProcedureCriterion { Codes = codes, Window = window, Index = row.Index } },
            "medication" => new CohortCriterion { Medication = new MedicationCriterion { Atc = codes, Window = window, Index = row.Index } },
            "laboratory" => new CohortCriterion
            {
                Laboratory = new LaboratoryCriterion { TestCodes = codes, Min = reader.Number(row.Min, $"c{i}-min"), Max = reader.Number(row.Max, $"c{i}-max"), Window = window, Index = row.Index },
            },
            "quality_registry" => new CohortCriterion { QualityRegistry = new QualityRegistryCriterion { Registers = codes, Window = window, Index = row.Index } },
            _ => new CohortCriterion { Visit = new VisitCriterion { Specialty = List(row.Specialty), Window = window, Index = row.Index } },
        };
    }

    private static DatasetRequest Dataset(DatasetRow row, int j, FieldReader reader)
    {
        var filters = new List<DatasetFilter>();
        if (row.FilterColumn.Length > 0)
        {
            filters.Add(new DatasetFilter
            {
                Column = row.FilterColumn,
                In = List(row.FilterValues),
                Min = reader.Number(row.FilterMin, $"d{j}-filter-min"),
                Max = reader.Number(row.FilterMax, $"d{j}-filter-max"),
            });
        }

        return new DatasetRequest
        {
            Register = row.Register,
            Columns = Words(row.Columns),
            From = reader.Date(row.From, $"d{j}-from"),
            To = reader.Date(row.To, $"d{j}-to"),
            Filters = filters,
            Terms = List(row.Terms),
            Specialties = List(row.Specialties),
        };
    }

    /// <summary>The field a validator problem is about, from the path it starts with (cohort.include.all[1].laboratory.min: ...).</summary>
    internal static string? FieldOf(string problem, IReadOnlyList<(string Path, string Field)> paths)
    {
        var path = problem.Split(':', 2)[0].Trim();
        switch (path)
        {
            case "title":
                return "title";
            case "cohort":
                // "cohort: from ... is after to ..." is the period's; the other cohort-wide problems are the whole tree's.
                return problem.StartsWith("cohort: from", StringComparison.Ordinal) ? "cohort-from" : null;
            case "cohort.from":
                return "cohort-from";
            case "cohort.to":
                return "cohort-to";
            case "cohort.sex":
                return "sex";
            case "cohort.min_age/max_age":
                return "min-age";
        }

        foreach (var (prefix, field) in paths.OrderByDescending(p => p.Path.Length))
        {
            if (path != prefix && !path.StartsWith(prefix + ".", StringComparison.Ordinal))
                continue;
            var rest = path[prefix.Length..].Split('.', StringSplitOptions.RemoveEmptyEntries);
            // A criterion's path names its kind (diagnosis, laboratory) before the setting.
            var setting = rest.Length == 0 ? "" : field.StartsWith('c') && rest.Length > 1 ? rest[1] : field.StartsWith('c') ? "" : rest[0];
            var name = setting.Split('[')[0];
            return field + "-" + (field.StartsWith('c') ? CriterionField(name) : DatasetField(name));
        }

        return null;
    }

    private static string CriterionField(string setting) => setting switch
    {
        "icd10" or "codes" or "atc" or "test_codes" or "registers" => "codes",
        "specialty" => "specialty",
        "min" => "min",
        "max" => "max",
        "from" => "from",
        "to" => "to",
        "within_days_before_index" => "before",
        "within_days_after_index" => "after",
        "index" => "index",
        _ => "kind",
    };

    private static string DatasetField(string setting) => setting switch
    {
        "columns" => "columns",
        "to" => "to",
        "filters" => "filter-column",
        "terms" => "terms",
        "specialties" => "specialties",
        "register" => "register",
        _ => "from",
    };

    private static int Count(string posted, int first) =>
        int.TryParse(posted, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? Math.Clamp(count, 1, MostRows) : first;

    /// <summary>Codes and column names: separated by commas, semicolons or spaces.</summary>
    private static List<string> Words(string text) => [.. text.Split([',', ';', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Specialties, terms and values may hold spaces: separated by commas only.</summary>
    private static List<string> List(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Reads numbers and dates as typed, each mistake put beside its field in the page's language.</summary>
    private sealed class FieldReader(List<FormProblem> problems, IStringLocalizer text)
    {
        public DateOnly? Date(string value, string field)
        {
            if (value.Length == 0)
                return null;
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            problems.Add(new FormProblem(field, text["NotADate"], InEnglish: false));
            return null;
        }

        public int? Integer(string value, string field)
        {
            if (value.Length == 0)
                return null;
            if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                return number;
            problems.Add(new FormProblem(field, text["NotAWholeNumber"], InEnglish: false));
            return null;
        }

        public double? Number(string value, string field)
        {
            if (value.Length == 0)
                return null;
            // A decimal comma, as Finnish and Swedish write it, is a decimal point.
            if (double.TryParse(value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                return number;
            problems.Add(new FormProblem(field, text["NotANumber"], InEnglish: false));
            return null;
        }
    }
}
