using CityActors.Domain.City;

namespace CityActors.Domain.Sensors;

/// <summary>
/// Turns registrations into sensor definitions for one city: the point must lie in the city (it decides the grid
/// cell), the department must exist, and what is not given comes from the kind's defaults in the city's sensor
/// catalogue (the owner is the kind's agency office in the sensor's district). Every problem is reported together.
/// </summary>
public sealed class SensorRegistrar(CityModel city, SensorCatalogue catalogue)
{
    public const int MaxIdLength = 40;
    public const int MaxRuleCodeLength = 16;
    public const int MaxRules = 8;
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    /// <exception cref="SensorRegistrationException">The registration is not usable.</exception>
    public SensorDefinition Resolve(SensorRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var errors = new List<string>();
        if (!IsValidId(registration.Id))
        {
            errors.Add($"Sensor id '{registration.Id}' is not valid: use 1–{MaxIdLength} letters, digits, '-' or '_'.");
        }

        if (!Enum.IsDefined(registration.Kind))
        {
            errors.Add($"Sensor kind {(int)registration.Kind} is not known.");
            throw new SensorRegistrationException(errors);
        }

        var profile = catalogue.Kinds.GetValueOrDefault(registration.Kind);
        var grid = LocateGrid(registration, errors);
        var department = ResolveDepartment(registration, profile, grid, errors);
        var interval = registration.ReportingInterval ?? profile?.ReportingInterval;
        if (interval is null)
        {
            errors.Add($"Sensor {registration.Id} needs a reporting interval: city {city.Id} has no default for {registration.Kind}.");
        }
        else if (interval < MinInterval || interval > MaxInterval)
        {
            errors.Add($"Reporting interval {interval} is outside {MinInterval}–{MaxInterval}.");
        }

        var rules = registration.Rules ?? profile?.Rules;
        if (rules is null)
        {
            errors.Add($"Sensor {registration.Id} needs rules: city {city.Id} has no default for {registration.Kind}.");
        }
        else
        {
            errors.AddRange(CheckRules(rules));
        }

        if (registration.Name is { Length: > 200 })
        {
            errors.Add("A sensor's name has at most 200 characters.");
        }

        if (errors.Count > 0)
        {
            throw new SensorRegistrationException(errors);
        }

        return new SensorDefinition(registration.Id, registration.Kind, registration.Longitude, registration.Latitude, grid!, department!, interval!.Value, rules!, registration.Name);
    }

    /// <summary>The definitions of the city package's fleet.</summary>
    /// <exception cref="SensorRegistrationException">A device of the fleet is not usable (all problems listed).</exception>
    public IReadOnlyList<SensorDefinition> ResolveFleet()
    {
        var definitions = new List<SensorDefinition>(catalogue.Fleet.Count);
        var errors = new List<string>();
        foreach (var placement in catalogue.Fleet)
        {
            try
            {
                definitions.Add(Resolve(placement.Registration()));
            }
            catch (SensorRegistrationException ex)
            {
                errors.AddRange(ex.Errors.Select(e => $"fleet sensor {placement.Id}: {e}"));
            }
        }

        return errors.Count > 0 ? throw new SensorRegistrationException(errors) : definitions;
    }

    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Every problem with a rule list, checked against the city's catalogue.</summary>
    public IReadOnlyList<string> CheckRules(IReadOnlyList<SensorRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new List<string>();
        if (rules.Count > MaxRules)
        {
            errors.Add($"A sensor has at most {MaxRules} rules; {rules.Count} were given.");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (rule is null)
            {
                errors.Add("A rule is missing.");
                continue;
            }

            var name = $"rule '{rule.Code}'";
            if (string.IsNullOrEmpty(rule.Code) || rule.Code.Length > MaxRuleCodeLength || !rule.Code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors.Add($"Rule code '{rule.Code}' is not valid: use 1–{MaxRuleCodeLength} letters, digits, '-' or '_'.");
            }
            else if (!codes.Add(rule.Code))
            {
                errors.Add($"Rule code '{rule.Code}' is used twice.");
            }

            if (city.Catalogue.Find(rule.MatterCode ?? "") is null)
            {
                errors.Add($"{name}: matter '{rule.MatterCode}' is not in catalogue {city.Catalogue.Id}.");
            }

            errors.AddRange(CheckRule(rule, name));
        }

        if (rules.OfType<OfflineRule>().Count() > 1)
        {
            errors.Add("A sensor has at most one offline rule.");
        }

        return errors;
    }

    private static IEnumerable<string> CheckRule(SensorRule rule, string name)
    {
        switch (rule)
        {
            case ThresholdRule t:
                if (!double.IsFinite(t.Trigger) || !double.IsFinite(t.Clear) || !Enum.IsDefined(t.Direction))
                {
                    yield return $"{name}: trigger and clear must be finite numbers and the direction above or below.";
                }
                else if (t.Direction == ThresholdDirection.Above ? t.Clear > t.Trigger : t.Clear < t.Trigger)
                {
                    yield return $"{name}: clear level {t.Clear} must not be beyond the trigger {t.Trigger} ({t.Direction}).";
                }

                if (t.MinDuration < TimeSpan.Zero || t.MinDuration > TimeSpan.FromDays(1))
                {
                    yield return $"{name}: minimum duration {t.MinDuration} is outside 0–1 day.";
                }

                break;
            case RateOfChangeRule r when !double.IsFinite(r.MaxChangePerMinute) || r.MaxChangePerMinute <= 0:
                yield return $"{name}: the maximum change per minute must be a positive number.";
                break;
            case OfflineRule o when o.MissedIntervals is < 1 or > 1000:
                yield return $"{name}: missed intervals must be 1–1000.";
                break;
        }
    }

    private string? LocateGrid(SensorRegistration registration, List<string> errors)
    {
        var (longitude, latitude) = (registration.Longitude, registration.Latitude);
        if (!double.IsFinite(longitude) || !double.IsFinite(latitude) || Math.Abs(longitude) > 180 || Math.Abs(latitude) > 90)
        {
            errors.Add($"Location ({longitude}, {latitude}) is not a WGS84 longitude/latitude.");
            return null;
        }

        var found = city.Locate(longitude, latitude);
        if (!found.IsInsideCity)
        {
            errors.Add($"Location ({longitude}, {latitude}) is outside city {city.Id}.");
            return null;
        }

        return found.Grid!.Code;
    }

    private string? ResolveDepartment(SensorRegistration registration, SensorKindProfile? profile, string? grid, List<string> errors)
    {
        if (registration.DepartmentCode is { } code)
        {
            if (city.FindDepartment(code) is null)
            {
                errors.Add($"Department '{code}' is not a department of city {city.Id}.");
            }

            return code;
        }

        if (profile is null)
        {
            errors.Add($"Sensor {registration.Id} needs a department: city {city.Id} has no default owner for {registration.Kind}.");
            return null;
        }

        if (grid is null)
        {
            return null;
        }

        // The kind's agency office nearest the sensor: its district's, else the city's.
        var district = city.Unit(grid).AncestorCode(OrgLevel.District);
        var department = city.DepartmentOf(profile.Agency, district) ?? city.DepartmentOf(profile.Agency, city.Root.Code);
        if (department is null)
        {
            errors.Add($"Agency {profile.Agency}, owner of {registration.Kind} sensors, has no office in {district} or the city.");
        }

        return department?.Code;
    }
}
