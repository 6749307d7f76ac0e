using System.Globalization;
using System.Text.Json;
using CityActors.Domain.City;
using CityActors.Domain.Matters;
using CityActors.Domain.Sensors;

namespace CityActors.Domain.Package;

/// <summary>
/// Reads a package's optional sensors.json (kind defaults and fleet). <see cref="Read"/> checks what the file alone
/// and the catalogue and departments decide; <see cref="CheckAgainst"/> then checks the rules and the fleet with the
/// domain's <see cref="SensorRegistrar"/> on the built city, which alone knows the grid a point falls in.
/// </summary>
internal static class SensorCatalogueReader
{
    /// <summary>The name a kind has in package files: camelCase of the enum member ("waterLevel").</summary>
    public static string KindName(SensorKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    public static SensorCatalogue Read(
        string directory,
        string? file,
        IReadOnlyDictionary<string, Department> departments,
        MatterCatalogue? catalogue,
        List<string> errors)
    {
        if (file is null)
        {
            return SensorCatalogue.Empty;
        }

        var path = Path.Combine(directory, file);
        if (string.IsNullOrWhiteSpace(file) || !File.Exists(path))
        {
            errors.Add($"sensors file '{file}' not found");
            return SensorCatalogue.Empty;
        }

        var document = CityPackageLoader.ReadJson<SensorsDocument>(path, file);
        var agencies = departments.Values.Select(d => d.Agency).ToHashSet(StringComparer.Ordinal);
        var kinds = new Dictionary<SensorKind, SensorKindProfile>();
        var named = new HashSet<SensorKind>();
        foreach (var (name, doc) in document.Kinds ?? [])
        {
            var where = $"{file}: kind {name}";
            if (SensorKinds.Parse(name) is not { } kind)
            {
                errors.Add($"{where}: unknown sensor kind; use one of {string.Join(", ", SensorKinds.All.Select(KindName))}");
                continue;
            }

            if (!named.Add(kind))
            {
                errors.Add($"{where}: {KindName(kind)} is given more than once");
                continue;
            }

            if (ReadProfile(kind, doc, where, agencies, catalogue, errors) is { } profile)
            {
                kinds[kind] = profile;
            }
        }

        var fleet = ReadFleet(document.Fleet ?? [], file, named, errors);
        return new SensorCatalogue(kinds, fleet);
    }

    /// <summary>The rules of every kind and every fleet sensor, checked by the domain's registrar against the built city.</summary>
    public static void CheckAgainst(CityModel city, string file, List<string> errors)
    {
        var registrar = new SensorRegistrar(city, city.Sensors);
        var before = errors.Count;
        foreach (var profile in city.Sensors.Kinds.Values.OrderBy(p => p.Kind))
        {
            errors.AddRange(registrar.CheckRules(profile.Rules).Select(e => $"{file}: kind {KindName(profile.Kind)}: {e}"));
        }

        // A broken default would be reported again for every sensor of its kind.
        if (errors.Count > before)
        {
            return;
        }

        try
        {
            registrar.ResolveFleet();
        }
        catch (SensorRegistrationException ex)
        {
            errors.AddRange(ex.Errors.Select(e => $"{file}: {e}"));
        }
    }

    private static SensorKindProfile? ReadProfile(SensorKind kind, SensorKindDocument? doc, string where, HashSet<string> agencies, MatterCatalogue? catalogue, List<string> errors)
    {
        var before = errors.Count;
        TimeSpan interval = default;
        if (string.IsNullOrWhiteSpace(doc?.Interval))
        {
            errors.Add($"{where}: interval (the expected time between readings) is missing");
        }
        else if (!DurationText.TryParse(doc.Interval, out interval) || interval < SensorRegistrar.MinInterval || interval > SensorRegistrar.MaxInterval)
        {
            errors.Add($"{where}: interval '{doc.Interval}' must be a duration like \"30s\", \"5m\" or \"2h\" between {SensorRegistrar.MinInterval} and {SensorRegistrar.MaxInterval}");
        }

        if (string.IsNullOrWhiteSpace(doc?.Agency))
        {
            errors.Add($"{where}: agency (the owner of sensors of this kind) is missing");
        }
        else if (!agencies.Contains(doc.Agency))
        {
            errors.Add($"{where}: agency {doc.Agency} has no department in the city");
        }

        if (doc?.Rules is not { Count: > 0 })
        {
            errors.Add($"{where}: rules are missing");
        }

        var rules = new List<SensorRule>();
        foreach (var (rule, i) in (doc?.Rules ?? []).Select((r, i) => (r, i)))
        {
            if (ReadRule(rule, $"{where} rule {rule?.Code ?? $"#{i}"}", catalogue, errors) is { } read)
            {
                rules.Add(read);
            }
        }

        return errors.Count == before ? new SensorKindProfile(kind, interval, doc!.Agency!, rules) : null;
    }

    private static SensorRule? ReadRule(SensorRuleDocument? doc, string where, MatterCatalogue? catalogue, List<string> errors)
    {
        if (doc is null)
        {
            errors.Add($"{where}: is empty");
            return null;
        }

        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(doc.Code))
        {
            errors.Add($"{where}: code is missing");
        }

        if (string.IsNullOrWhiteSpace(doc.Matter))
        {
            errors.Add($"{where}: matter is missing");
        }
        else if (catalogue is not null && catalogue.Find(doc.Matter) is null)
        {
            errors.Add($"{where}: matter '{doc.Matter}' is not in the catalogue");
        }

        SensorRule? rule = doc.Type switch
        {
            "threshold" => ReadThreshold(doc, where, errors),
            "rateOfChange" when doc.MaxChangePerMinute is { } rate => new RateOfChangeRule(doc.Code ?? "", doc.Matter ?? "", rate),
            "rateOfChange" => Missing(where, "maxChangePerMinute", errors),
            "offline" when doc.MissedIntervals is { } missed => new OfflineRule(doc.Code ?? "", doc.Matter ?? "", missed),
            "offline" => Missing(where, "missedIntervals", errors),
            _ => Unknown(where, doc.Type, errors),
        };
        return errors.Count == before ? rule : null;
    }

    private static ThresholdRule? ReadThreshold(SensorRuleDocument doc, string where, List<string> errors)
    {
        ThresholdDirection? direction = doc.Direction switch
        {
            "above" => ThresholdDirection.Above,
            "below" => ThresholdDirection.Below,
            _ => null,
        };
        if (direction is null)
        {
            errors.Add($"{where}: direction '{doc.Direction}' must be above or below");
        }

        if (doc.Trigger is null || doc.Clear is null)
        {
            errors.Add($"{where}: trigger and clear levels are required");
        }

        var minDuration = TimeSpan.Zero;
        if (doc.MinDuration is not null && !DurationText.TryParse(doc.MinDuration, out minDuration))
        {
            errors.Add($"{where}: minDuration '{doc.MinDuration}' is not a duration like \"0s\", \"2m\" or \"1h\"");
        }

        return direction is null || doc.Trigger is null || doc.Clear is null
            ? null
            : new ThresholdRule(doc.Code ?? "", doc.Matter ?? "", direction.Value, doc.Trigger.Value, doc.Clear.Value, minDuration);
    }

    private static SensorRule? Missing(string where, string field, List<string> errors)
    {
        errors.Add($"{where}: {field} is required");
        return null;
    }

    private static SensorRule? Unknown(string where, string? type, List<string> errors)
    {
        errors.Add($"{where}: type '{type}' must be threshold, rateOfChange or offline");
        return null;
    }

    private static List<SensorPlacement> ReadFleet(List<SensorPlacementDocument> documents, string file, HashSet<SensorKind> kinds, List<string> errors)
    {
        var fleet = new List<SensorPlacement>(documents.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (doc, i) in documents.Select((d, i) => (d, i)))
        {
            var where = $"{file}: fleet sensor {doc.Id ?? $"#{i}"}";
            var before = errors.Count;
            if (!SensorRegistrar.IsValidId(doc.Id))
            {
                errors.Add($"{where}: id must be 1–{SensorRegistrar.MaxIdLength} letters, digits, '-' or '_'");
            }
            else if (!ids.Add(doc.Id!))
            {
                errors.Add($"{where}: id is used more than once");
            }

            var kind = SensorKinds.Parse(doc.Kind);
            if (kind is null)
            {
                errors.Add($"{where}: unknown sensor kind '{doc.Kind}'");
            }
            else if (!kinds.Contains(kind.Value))
            {
                errors.Add($"{where}: kind {KindName(kind.Value)} has no defaults under kinds");
            }

            if (doc.Lon is null || doc.Lat is null)
            {
                errors.Add($"{where}: lon and lat are required");
            }

            if (errors.Count == before)
            {
                fleet.Add(new SensorPlacement(doc.Id!, kind!.Value, doc.Lon!.Value, doc.Lat!.Value, doc.Name));
            }
        }

        return fleet;
    }

    /// <summary>A level as package files write it, for messages.</summary>
    internal static string Level(double value) => value.ToString(CultureInfo.InvariantCulture);
}
