using System.Globalization;
using System.Text.Json;
using CityActors.Domain.Calendar;
using CityActors.Domain.City;
using CityActors.Domain.Geography;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Valid;

namespace CityActors.Domain.Package;

/// <summary>
/// Loads a city package directory (city.json, its boundaries GeoJSON, its matter catalogue and, optionally, its sensors
/// and emergency profiles; format in docs/city-package.md), validates all of it, generates the grid, and returns the
/// <see cref="CityModel"/>.
/// Validation does not stop at the first problem: the exception lists them all.
/// </summary>
public static class CityPackageLoader
{
    public const string Format = "cityactors-city/1";

    // A child may stick out of its parent by this share of its own area (boundary data is generalised differently per level).
    private const double NestingTolerance = 0.01;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static CityModel Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        var manifest = Path.Combine(directory, "city.json");
        if (!File.Exists(manifest))
        {
            throw new CityPackageException(name, [$"city.json not found in {directory}"]);
        }

        var document = ReadJson<CityDocument>(manifest, name);
        var errors = new List<string>();
        if (document.Format != Format)
        {
            errors.Add($"city.json: format must be \"{Format}\" (was \"{document.Format}\")");
        }

        Require(errors, "city.json: id", document.Id);
        Require(errors, "city.json: name", document.Name);
        Require(errors, "city.json: version", document.Version);
        var zone = ReadZone(document.TimeZone, errors);
        var calendar = zone is null ? null : ReadCalendar(document.Calendar, document.Id ?? name, zone, errors);

        var units = UnitValidator.Validate(document.Units ?? [], errors);
        var boundaries = ReadBoundaries(directory, document.Boundaries, units, errors);
        var projection = boundaries.Count > 0 ? LocalProjection.CenteredOn(Geometries.EnvelopeOf(boundaries.Values)) : new LocalProjection(0, 0);
        CheckNesting(units, boundaries, projection, errors);
        var cellSize = document.Grid?.CellSizeMeters;
        if (cellSize is null or < GridGenerator.MinCellSizeMeters or > GridGenerator.MaxCellSizeMeters)
        {
            errors.Add($"city.json: grid.cellSizeMeters must be between {GridGenerator.MinCellSizeMeters} and {GridGenerator.MaxCellSizeMeters} (was {cellSize?.ToString(CultureInfo.InvariantCulture) ?? "missing"})");
        }

        var centres = ReadCentres(document.Centres ?? [], units, errors);
        var departments = ReadDepartments(document.Departments ?? [], units, errors);
        var catalogue = CatalogueReader.Read(directory, document.Catalogue, departments, units, errors);
        var sensors = SensorCatalogueReader.Read(directory, document.Sensors, departments, catalogue, errors);
        var emergencyProfiles = EmergencyProfileReader.Read(directory, document.EmergencyProfiles, sensors, catalogue, errors);

        if (errors.Count > 0)
        {
            throw new CityPackageException(document.Id ?? name, errors);
        }

        var placed = units.Values
            .Select(u => u with { Boundary = boundaries.GetValueOrDefault(u.Code) })
            .ToList();
        var generator = new GridGenerator(projection, cellSize!.Value);
        foreach (var community in placed.Where(u => u.Level == OrgLevel.Community).ToList())
        {
            placed.AddRange(generator.Generate(community.Boundary!, community.Code)
                .Select(cell => new OrgUnit(cell.Code, OrgLevel.Grid, $"{community.Name} #{cell.Code[(cell.Code.LastIndexOf('.') + 1)..]}", community.Code, cell.Boundary)));
        }

        var city = new CityModel(document.Id!, document.Name!, document.Version!, calendar!, catalogue!, projection, placed, centres, departments.Values)
        {
            Sensors = sensors,
            EmergencyProfiles = emergencyProfiles,
        };

        // Sensor rules and fleet positions are checked by the domain's registrar, which needs the built city and its grid.
        if (document.Sensors is not null)
        {
            SensorCatalogueReader.CheckAgainst(city, document.Sensors, errors);
            if (errors.Count > 0)
            {
                throw new CityPackageException(document.Id!, errors);
            }
        }

        return city;
    }

    internal static T ReadJson<T>(string path, string package)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json)
                ?? throw new CityPackageException(package, [$"{Path.GetFileName(path)} is empty"]);
        }
        catch (JsonException ex)
        {
            throw new CityPackageException(package, [$"{Path.GetFileName(path)} is not valid JSON: {ex.Message}"]);
        }
    }

    private static void Require(List<string> errors, string what, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{what} is missing");
        }
    }

    private static TimeZoneInfo? ReadZone(string? id, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("city.json: timeZone is missing");
            return null;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        errors.Add($"city.json: timeZone '{id}' is not a known IANA time zone");
        return null;
    }

    private static WorkingCalendar? ReadCalendar(CalendarDocument? document, string id, TimeZoneInfo zone, List<string> errors)
    {
        if (document is null)
        {
            errors.Add("city.json: calendar is missing");
            return null;
        }

        var before = errors.Count;
        var hours = new List<DailyInterval>();
        foreach (var pair in document.Hours ?? [])
        {
            try
            {
                hours.Add(pair.Count == 2 ? DailyInterval.Parse(pair[0], pair[1]) : throw new FormatException($"working hours must be [\"HH:mm\", \"HH:mm\"] pairs (got {pair.Count} values)"));
            }
            catch (FormatException ex)
            {
                errors.Add($"calendar: {ex.Message}");
            }
        }

        var days = new List<DayOfWeek>();
        foreach (var day in document.WorkingDays ?? [])
        {
            if (Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var parsed) && !int.TryParse(day, CultureInfo.InvariantCulture, out _))
            {
                days.Add(parsed);
            }
            else
            {
                errors.Add($"calendar: '{day}' is not a day of the week (Monday … Sunday)");
            }
        }

        var holidays = ReadDates(document.Holidays, "holiday", errors);
        var makeUp = ReadDates(document.MakeUpWorkdays, "make-up working day", errors);
        if (errors.Count > before)
        {
            return null;
        }

        try
        {
            return new WorkingCalendar(id, zone, hours, days, holidays, makeUp);
        }
        catch (CalendarDefinitionException ex)
        {
            errors.AddRange(ex.Errors.Select(e => $"calendar: {e}"));
            return null;
        }
    }

    private static List<DateOnly> ReadDates(List<string>? values, string what, List<string> errors)
    {
        var dates = new List<DateOnly>();
        foreach (var value in values ?? [])
        {
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                dates.Add(date);
            }
            else
            {
                errors.Add($"calendar: {what} '{value}' is not a yyyy-MM-dd date");
            }
        }

        return dates;
    }

    private static Dictionary<string, Geometry> ReadBoundaries(string directory, string? file, IReadOnlyDictionary<string, OrgUnit> units, List<string> errors)
    {
        var result = new Dictionary<string, Geometry>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(file))
        {
            errors.Add("city.json: boundaries (the GeoJSON file name) is missing");
            return result;
        }

        var rejected = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<GeoFeature> features;
        try
        {
            features = GeoJsonReader.ReadFeatureCollection(Path.Combine(directory, file));
        }
        catch (Exception ex) when (ex is GeoJsonException or IOException)
        {
            errors.Add($"boundaries: {ex.Message}");
            return result;
        }

        foreach (var feature in features)
        {
            if (feature.Id is null || !units.TryGetValue(feature.Id, out var unit))
            {
                errors.Add($"{file}: feature '{feature.Id ?? "(no id)"}' names no org unit");
                continue;
            }

            if (feature.Geometry is not (Polygon or MultiPolygon))
            {
                rejected.Add(unit.Code);
                errors.Add($"{file}: boundary of {unit.Code} must be a Polygon or MultiPolygon");
                continue;
            }

            var invalid = new IsValidOp(feature.Geometry).ValidationError;
            if (invalid is not null)
            {
                rejected.Add(unit.Code);
                errors.Add($"{file}: boundary of {unit.Code} is invalid: {invalid.Message} at ({invalid.Coordinate.X.ToString(CultureInfo.InvariantCulture)}, {invalid.Coordinate.Y.ToString(CultureInfo.InvariantCulture)})");
                continue;
            }

            if (!result.TryAdd(unit.Code, feature.Geometry))
            {
                errors.Add($"{file}: {unit.Code} has more than one boundary feature");
            }
        }

        foreach (var unit in units.Values.Where(u => u.Level is OrgLevel.District or OrgLevel.Street or OrgLevel.Community
            && !result.ContainsKey(u.Code) && !rejected.Contains(u.Code)))
        {
            errors.Add($"{file}: {unit.Level.ToString().ToLowerInvariant()} {unit.Code} has no boundary");
        }

        return result;
    }

    private static void CheckNesting(IReadOnlyDictionary<string, OrgUnit> units, Dictionary<string, Geometry> boundaries, LocalProjection projection, List<string> errors)
    {
        var metric = new Dictionary<string, Geometry>(StringComparer.Ordinal);
        Geometry Metric(string code) => metric.TryGetValue(code, out var g) ? g : metric[code] = projection.ToMeters(boundaries[code]);

        foreach (var unit in units.Values.OrderBy(u => u.Level).ThenBy(u => u.Code, StringComparer.Ordinal))
        {
            if (unit.ParentCode is null || !boundaries.ContainsKey(unit.Code) || !boundaries.ContainsKey(unit.ParentCode))
            {
                continue;
            }

            var child = Metric(unit.Code);
            var outside = OverlayNGRobust.Overlay(child, Metric(unit.ParentCode), SpatialFunction.Difference).Area;
            if (outside > child.Area * NestingTolerance)
            {
                errors.Add($"{unit.Level.ToString().ToLowerInvariant()} {unit.Code} lies {(outside / child.Area * 100).ToString("0.0", CultureInfo.InvariantCulture)}% outside its {units[unit.ParentCode].Level.ToString().ToLowerInvariant()} {unit.ParentCode}");
            }
        }
    }

    private static List<OperationsCentre> ReadCentres(List<CentreDocument> documents, IReadOnlyDictionary<string, OrgUnit> units, List<string> errors)
    {
        var centres = new List<OperationsCentre>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (doc, i) in documents.Select((d, i) => (d, i)))
        {
            var where = $"centres[{i}] ({doc.Code ?? "no code"})";
            if (string.IsNullOrWhiteSpace(doc.Code) || !codes.Add(doc.Code))
            {
                errors.Add($"{where}: code is missing or duplicated");
                continue;
            }

            if (doc.Unit is null || !units.TryGetValue(doc.Unit, out var unit))
            {
                errors.Add($"{where}: unit '{doc.Unit}' is not an org unit");
                continue;
            }

            if (!unit.Level.HasOperationsCentre())
            {
                errors.Add($"{where}: {unit.Code} is a {unit.Level.ToString().ToLowerInvariant()}; only city, district and street units run operations centres");
                continue;
            }

            centres.Add(new OperationsCentre(doc.Code, unit.Code, unit.Level, doc.Name ?? $"{unit.Name} operations centre"));
        }

        foreach (var group in centres.GroupBy(c => c.OrgUnitCode).Where(g => g.Count() > 1))
        {
            errors.Add($"{group.Key} has {group.Count()} operations centres; it needs exactly one");
        }

        foreach (var unit in units.Values.Where(u => u.Level.HasOperationsCentre() && centres.All(c => c.OrgUnitCode != u.Code)).OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            errors.Add($"{unit.Level.ToString().ToLowerInvariant()} {unit.Code} has no operations centre");
        }

        return centres;
    }

    private static Dictionary<string, Department> ReadDepartments(List<DepartmentDocument> documents, IReadOnlyDictionary<string, OrgUnit> units, List<string> errors)
    {
        var departments = new Dictionary<string, Department>(StringComparer.Ordinal);
        foreach (var (doc, i) in documents.Select((d, i) => (d, i)))
        {
            var where = $"departments[{i}] ({doc.Code ?? "no code"})";
            if (string.IsNullOrWhiteSpace(doc.Code) || departments.ContainsKey(doc.Code))
            {
                errors.Add($"{where}: code is missing or duplicated");
                continue;
            }

            if (doc.Unit is null || !units.TryGetValue(doc.Unit, out var unit) || !unit.Level.HasOperationsCentre())
            {
                errors.Add($"{where}: unit '{doc.Unit}' must be a city, district or street unit");
                continue;
            }

            if (string.IsNullOrWhiteSpace(doc.Agency) || string.IsNullOrWhiteSpace(doc.Name))
            {
                errors.Add($"{where}: name and agency are required");
                continue;
            }

            if (departments.Values.Any(d => d.Agency == doc.Agency && d.OrgUnitCode == unit.Code))
            {
                errors.Add($"{where}: agency {doc.Agency} already has a department at {unit.Code}");
                continue;
            }

            departments[doc.Code] = new Department(doc.Code, doc.Name, unit.Level, unit.Code, doc.Agency);
        }

        return departments;
    }
}
