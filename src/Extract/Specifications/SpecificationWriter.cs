using System.Globalization;
using Lake.Contracts.Extraction;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;
using YamlDotNet.Serialization.NamingConventions;

namespace Lake.Extract.Specifications;

/// <summary>
/// Writes a specification as the YAML <see cref="SpecificationReader"/> reads back into the same
/// specification: what the portal's form built, to be kept or attached to a permit application.
/// Settings left at their defaults are left out, as a person writing the file would.
/// </summary>
public static class SpecificationWriter
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithEventEmitter(next => new FlowCodeLists(next))
        // A title of "yes" or a test code of 4207 stays text when read back.
        .WithQuotingNecessaryStrings()
        .Build();

    /// <exception cref="SpecificationException">The cohort lists identity codes: they were turned into tokens as they were read and cannot be written back.</exception>
    public static string Write(StudySpecification specification)
    {
        var document = new Dictionary<string, object>
        {
            ["version"] = specification.Version,
        };
        if (specification.Title.Length > 0)
            document["title"] = specification.Title;
        document["cohort"] = Cohort(specification.Cohort);
        if (specification.Datasets.Count > 0)
            document["datasets"] = specification.Datasets.Select(Dataset).ToList();
        if (Delivery(specification.Delivery) is { Count: > 0 } delivery)
            document["delivery"] = delivery;
        return Serializer.Serialize(document);
    }

    private static Dictionary<string, object> Cohort(CohortCriteria cohort)
    {
        var written = new Dictionary<string, object>();
        if (cohort.Icd10.Count > 0)
            written["icd10"] = cohort.Icd10.ToList();
        if (cohort.Include is { } include)
            written["include"] = Criterion(include);
        if (cohort.Exclude is { } exclude)
            written["exclude"] = Criterion(exclude);
        Period(written, cohort.From, cohort.To);
        if (cohort.Sex is { } sex)
            written["sex"] = sex;
        if (cohort.MinAge is { } minAge)
            written["min_age"] = minAge;
        if (cohort.MaxAge is { } maxAge)
            written["max_age"] = maxAge;
        return written;
    }

    private static Dictionary<string, object> Criterion(CohortCriterion node) => node switch
    {
        { All: { } all } => new() { ["all"] = all.Select(Criterion).ToList() },
        { Any: { } any } => new() { ["any"] = any.Select(Criterion).ToList() },
        { Not: { } not } => new() { ["not"] = Criterion(not) },
        { Diagnosis: { } d } => new() { ["diagnosis"] = Event(Specialties(new() { ["icd10"] = d.Icd10.ToList() }, d.Specialty), d.Window, d.Index) },
        { Procedure: { } p } => new() { ["procedure"] = Event(new() { ["codes"] = p.Codes.ToList() }, p.Window, p.Index) },
        { Medication: { } m } => new() { ["medication"] = Event(new() { ["atc"] = m.Atc.ToList() }, m.Window, m.Index) },
        { Laboratory: { } l } => new() { ["laboratory"] = Event(Bounds(new() { ["test_codes"] = l.TestCodes.ToList() }, l.Min, l.Max), l.Window, l.Index) },
        { Measurement: { } m } => new() { ["measurement"] = Event(Bounds(new() { ["register"] = m.Register, ["codes"] = m.Codes.ToList() }, m.Min, m.Max), m.Window, m.Index) },
        { QualityRegistry: { } q } => new() { ["quality_registry"] = Event(new() { ["registers"] = q.Registers.ToList() }, q.Window, q.Index) },
        { Visit: { } v } => new() { ["visit"] = Event(Specialties([], v.Specialty), v.Window, v.Index) },
        _ => throw new SpecificationException(
            "The cohort lists identity codes, which became tokens as the specification was read; they cannot be written back. Keep the file they were listed in."),
    };

    private static Dictionary<string, object> Event(Dictionary<string, object> leaf, EventWindow window, bool index)
    {
        Period(leaf, window.From, window.To);
        if (window.WithinDaysBeforeIndex is { } before)
            leaf["within_days_before_index"] = before;
        if (window.WithinDaysAfterIndex is { } after)
            leaf["within_days_after_index"] = after;
        if (index)
            leaf["index"] = true;
        return leaf;
    }

    /// <summary>No specialty means any; an empty list would only be noise.</summary>
    private static Dictionary<string, object> Specialties(Dictionary<string, object> leaf, IReadOnlyList<string> specialties)
    {
        if (specialties.Count > 0)
            leaf["specialty"] = specialties.ToList();
        return leaf;
    }

    private static Dictionary<string, object> Bounds(Dictionary<string, object> leaf, double? min, double? max)
    {
        if (min is { } low)
            leaf["min"] = low;
        if (max is { } high)
            leaf["max"] = high;
        return leaf;
    }

    private static Dictionary<string, object> Dataset(DatasetRequest dataset)
    {
        var written = new Dictionary<string, object> { ["register"] = dataset.Register };
        if (dataset.Columns.Count > 0)
            written["columns"] = dataset.Columns.ToList();
        Period(written, dataset.From, dataset.To);
        if (dataset.Filters.Count > 0)
            written["filters"] = dataset.Filters.Select(Filter).ToList();
        if (dataset.Terms.Count > 0)
            written["terms"] = dataset.Terms.ToList();
        if (dataset.Specialties.Count > 0)
            written["specialties"] = dataset.Specialties.ToList();
        return written;
    }

    private static Dictionary<string, object> Filter(DatasetFilter filter)
    {
        var written = new Dictionary<string, object> { ["column"] = filter.Column };
        if (filter.In.Count > 0)
            written["in"] = filter.In.ToList();
        return Bounds(written, filter.Min, filter.Max);
    }

    private static Dictionary<string, object> Delivery(DeliveryOptions delivery)
    {
        var defaults = new DeliveryOptions();
        var written = new Dictionary<string, object>();
        if (delivery.Csv)
            written["csv"] = true;
        if (delivery.Arrow)
            written["arrow"] = true;
        if (delivery.DatePrecision != defaults.DatePrecision)
            written["date_precision"] = delivery.DatePrecision;
        if (delivery.ShiftMaxDays != defaults.ShiftMaxDays)
            written["shift_max_days"] = delivery.ShiftMaxDays;
        if (delivery.FreeText)
            written["free_text"] = true;
        if (delivery.IdentityCodes)
            written["identity_codes"] = true;
        if (delivery.TransferTo is { } target)
            written["transfer_to"] = target;
        if (delivery.Omop)
            written["omop"] = true;
        return written;
    }

    private static void Period(Dictionary<string, object> written, DateOnly? from, DateOnly? to)
    {
        if (from is { } start)
            written["from"] = Date(start);
        if (to is { } end)
            written["to"] = Date(end);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Lists of codes, columns and terms on one line ([E11, E13]), as the examples write them; lists of criteria stay one per line.</summary>
    private sealed class FlowCodeLists(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(SequenceStartEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Value is List<string>)
                eventInfo.Style = SequenceStyle.Flow;
            base.Emit(eventInfo, emitter);
        }
    }
}
