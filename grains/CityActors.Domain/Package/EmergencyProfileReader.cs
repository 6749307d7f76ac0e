using CityActors.Domain.Calendar;
using CityActors.Domain.Emergencies;
using CityActors.Domain.Matters;
using CityActors.Domain.Sensors;

namespace CityActors.Domain.Package;

/// <summary>
/// Reads a package's optional emergency.json. A profile may only tighten: a threshold override names a threshold rule
/// of the kind's defaults in sensors.json and triggers no later than it (lower for "above", higher for "below");
/// limits name catalogue matters and the stages matters.json uses.
/// </summary>
internal static class EmergencyProfileReader
{
    public static IReadOnlyDictionary<string, EmergencyProfile> Read(
        string directory,
        string? file,
        SensorCatalogue sensors,
        MatterCatalogue? catalogue,
        List<string> errors)
    {
        var profiles = new Dictionary<string, EmergencyProfile>(StringComparer.Ordinal);
        if (file is null)
        {
            return profiles;
        }

        var path = Path.Combine(directory, file);
        if (string.IsNullOrWhiteSpace(file) || !File.Exists(path))
        {
            errors.Add($"emergency profiles file '{file}' not found");
            return profiles;
        }

        var document = CityPackageLoader.ReadJson<EmergencyDocument>(path, file);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (doc, i) in (document.Profiles ?? []).Select((p, i) => (p, i)))
        {
            var where = $"{file}: profile {(string.IsNullOrEmpty(doc.Code) ? $"#{i}" : doc.Code)}";
            var before = errors.Count;
            if (!SensorRegistrar.IsValidId(doc.Code))
            {
                errors.Add($"{where}: code must be 1–{SensorRegistrar.MaxIdLength} letters, digits, '-' or '_'");
            }
            else if (!codes.Add(doc.Code!))
            {
                errors.Add($"{where}: code is used more than once");
            }

            if (string.IsNullOrWhiteSpace(doc.NameZh) || string.IsNullOrWhiteSpace(doc.NameEn))
            {
                errors.Add($"{where}: nameZh and nameEn are required");
            }

            var thresholds = ReadThresholds(doc.Thresholds ?? [], where, sensors, errors);
            var limits = ReadLimits(doc.Limits ?? [], where, catalogue, errors);
            if (errors.Count == before)
            {
                profiles[doc.Code!] = new EmergencyProfile(doc.Code!, doc.NameZh!, doc.NameEn!, thresholds, limits);
            }
        }

        return profiles;
    }

    private static List<ThresholdOverride> ReadThresholds(List<ThresholdOverrideDocument> documents, string where, SensorCatalogue sensors, List<string> errors)
    {
        var overrides = new List<ThresholdOverride>();
        foreach (var (doc, i) in documents.Select((d, i) => (d, i)))
        {
            var what = $"{where} threshold {doc.Kind ?? "?"}/{doc.Rule ?? $"#{i}"}";
            if (SensorKinds.Parse(doc.Kind) is not { } kind)
            {
                errors.Add($"{what}: unknown sensor kind '{doc.Kind}'");
                continue;
            }

            var rule = sensors.Kinds.GetValueOrDefault(kind)?.Rules.FirstOrDefault(r => r.Code == doc.Rule);
            if (rule is not ThresholdRule threshold)
            {
                errors.Add($"{what}: '{doc.Rule}' is not a threshold rule of the {SensorCatalogueReader.KindName(kind)} defaults in the sensors file");
                continue;
            }

            if (doc.Trigger is not { } trigger || doc.Clear is not { } clear)
            {
                errors.Add($"{what}: trigger and clear levels are required");
                continue;
            }

            var above = threshold.Direction == ThresholdDirection.Above;
            if (above ? clear > trigger : clear < trigger)
            {
                errors.Add($"{what}: clear level {SensorCatalogueReader.Level(clear)} must not be beyond the trigger {SensorCatalogueReader.Level(trigger)} (the rule alarms {(above ? "above" : "below")})");
            }
            else if (above ? trigger > threshold.Trigger : trigger < threshold.Trigger)
            {
                errors.Add($"{what}: trigger {SensorCatalogueReader.Level(trigger)} is not tighter than the default {SensorCatalogueReader.Level(threshold.Trigger)} (an emergency may only alarm earlier)");
            }
            else if (overrides.Any(o => o.Kind == kind && o.RuleCode == threshold.Code))
            {
                errors.Add($"{what}: the rule is overridden more than once");
            }
            else
            {
                overrides.Add(new ThresholdOverride(kind, threshold.Code, trigger, clear));
            }
        }

        return overrides;
    }

    private static Dictionary<string, IReadOnlyDictionary<CaseStage, TimeLimit>> ReadLimits(
        Dictionary<string, Dictionary<string, string>> documents, string where, MatterCatalogue? catalogue, List<string> errors)
    {
        var limits = new Dictionary<string, IReadOnlyDictionary<CaseStage, TimeLimit>>(StringComparer.Ordinal);
        foreach (var (matter, stages) in documents)
        {
            var what = $"{where} limits of matter {matter}";
            if (catalogue is not null && catalogue.Find(matter) is null)
            {
                errors.Add($"{what}: the matter is not in the catalogue");
                continue;
            }

            var byStage = new Dictionary<CaseStage, TimeLimit>();
            foreach (var (stageText, text) in stages ?? [])
            {
                if (!CatalogueReader.Stages.TryGetValue(stageText, out var stage))
                {
                    errors.Add($"{what}: stage '{stageText}' must be one of {string.Join(", ", CatalogueReader.Stages.Keys)}");
                }
                else if (!LimitText.TryParse(text, out var limit))
                {
                    errors.Add($"{what}: limit '{text}' for {stageText} is not like \"30m working\" or \"2h natural\"");
                }
                else
                {
                    byStage[stage] = limit;
                }
            }

            limits[matter] = byStage;
        }

        return limits;
    }
}
