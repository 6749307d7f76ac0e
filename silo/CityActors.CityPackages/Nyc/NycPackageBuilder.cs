using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CityActors.Domain.Geography;
using CityActors.Domain.Package;
using NetTopologySuite.Geometries;

namespace CityActors.CityPackages.Nyc;

/// <summary>
/// Builds the NYC demo city package from the public data in the repository's data/nyc (see data/README.md):
/// boroughs → districts (nyc.&lt;BoroCode&gt;), community districts → streets (nyc.&lt;boro&gt;.&lt;BoroCD&gt;, clipped to
/// their borough), neighbourhoods → communities (<see cref="NycCommunities"/>), NYC agencies as city departments with an
/// office in every borough, the 311 catalogue (<see cref="NycCatalogue"/>), NYC's 2026 public holidays, sensor defaults
/// and emergency profiles (<see cref="NycSensors"/>) and a fleet placed on the grid (<see cref="NycSensorFleet"/>).
/// The output is deterministic: the same data always gives the same bytes.
/// </summary>
public static class NycPackageBuilder
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // JSON text carries no byte order mark (RFC 8259 §8.1); some readers, Python's json module among them, refuse one.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // NYC municipal holidays in 2026 (Independence Day falls on a Saturday and is observed on Friday 3 July).
    private static readonly string[] Holidays2026 =
    [
        "2026-01-01", "2026-01-19", "2026-02-12", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03",
        "2026-09-07", "2026-10-12", "2026-11-03", "2026-11-11", "2026-11-26", "2026-12-25",
    ];

    /// <param name="dataDirectory">The folder holding the public NYC files (data/nyc in the repository).</param>
    /// <param name="outputDirectory">Where city.json, boundaries.geojson, matters.json, sensors.json and emergency.json are written.</param>
    public static void Build(string dataDirectory, string outputDirectory)
    {
        // Public data, read leniently: neighborhoods.geojson leaves some rings open, and they are closed rather than refused.
        var boroughs = GeoJsonReader.ReadFeatureCollection(Path.Combine(dataDirectory, "boroughs.geojson"), closeOpenRings: true);
        var districts = GeoJsonReader.ReadFeatureCollection(Path.Combine(dataDirectory, "community_districts.geojson"), closeOpenRings: true);
        var neighbourhoods = GeoJsonReader.ReadFeatureCollection(Path.Combine(dataDirectory, "neighborhoods.geojson"), closeOpenRings: true);
        var projection = LocalProjection.CenteredOn(Geometries.EnvelopeOf(boroughs.Select(b => b.Geometry)));
        double Area(Geometry g) => projection.ToMeters(g).Area;

        var units = new List<UnitDocument> { new() { Code = "nyc", Level = "city", Name = "New York City" } };
        var shapes = new List<(string Id, string Name, Geometry Geometry)>();
        var boroughShapes = new Dictionary<int, (string Code, string Name, Geometry Shape)>();
        foreach (var borough in boroughs.OrderBy(b => int.Parse(b.Property("BoroCode"), CultureInfo.InvariantCulture)))
        {
            var number = int.Parse(borough.Property("BoroCode"), CultureInfo.InvariantCulture);
            var code = $"nyc.{number}";
            var shape = NycShapes.Clean(borough.Geometry)!;
            boroughShapes[number] = (code, borough.Property("BoroName"), shape);
            units.Add(new UnitDocument { Code = code, Level = "district", Name = borough.Property("BoroName"), Parent = "nyc" });
            shapes.Add((code, borough.Property("BoroName"), shape));
        }

        var streets = new List<(string Code, string Name, Geometry Shape)>();
        foreach (var district in districts.OrderBy(d => int.Parse(d.Property("BoroCD"), CultureInfo.InvariantCulture)))
        {
            var boroCd = int.Parse(district.Property("BoroCD"), CultureInfo.InvariantCulture);
            var (boroughCode, boroughName, boroughShape) = boroughShapes[boroCd / 100];
            var shape = NycShapes.Clean(NycShapes.Intersect(NycShapes.Clean(district.Geometry)!, boroughShape));
            if (shape is null || Area(shape) < NycShapes.MinimumAreaSquareMeters)
            {
                continue;
            }

            var number = boroCd % 100;
            var name = number <= 18 ? $"{boroughName} Community District {number}" : $"{boroughName} Joint Interest Area {number}";
            var code = $"{boroughCode}.{boroCd}";
            streets.Add((code, name, shape));
            units.Add(new UnitDocument { Code = code, Level = "street", Name = name, Parent = boroughCode });
            shapes.Add((code, name, shape));
        }

        foreach (var (code, name, parent, shape) in NycCommunities.Assign(neighbourhoods, streets, Area))
        {
            units.Add(new UnitDocument { Code = code, Level = "community", Name = name, Parent = parent });
            shapes.Add((code, name, shape));
        }

        Directory.CreateDirectory(outputDirectory);
        using (var stream = File.Create(Path.Combine(outputDirectory, "boundaries.geojson")))
        {
            GeoJsonWriter.WriteFeatureCollection(stream, shapes);
        }

        var city = new CityDocument
        {
            Format = CityPackageLoader.Format,
            Id = "nyc",
            Name = "New York City",
            Version = "2026.11",
            TimeZone = "America/New_York",
            Calendar = new CalendarDocument
            {
                Hours = [["09:00", "17:00"]],
                WorkingDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
                Holidays = [.. Holidays2026],
                MakeUpWorkdays = [],
            },
            Grid = new GridDocument { CellSizeMeters = 250 },
            Boundaries = "boundaries.geojson",
            Catalogue = "matters.json",
            Units = units,
            Centres = [.. units.Where(u => u.Level != "community").Select(u => new CentreDocument { Code = $"{u.Code}.ops", Unit = u.Code, Name = $"{u.Name} Operations Centre" })],
            Departments = [.. Departments(boroughShapes.Values.Select(b => (b.Code, b.Name)))],
        };
        var complaints = Path.Combine(dataDirectory, "nyc311-complaints-by-community-board.csv");
        var catalogue = NycCatalogue.Build(ComplaintCounts.Read(complaints));
        Write(outputDirectory, "city.json", city);
        Write(outputDirectory, "matters.json", catalogue);

        // The fleet stands on grid cells, which only the loader generates: load the package without sensors first.
        var built = CityPackageLoader.Load(outputDirectory);
        var sensors = new SensorsDocument
        {
            Kinds = NycSensors.Kinds(catalogue),
            Fleet = NycSensorFleet.Place(built, city.Grid.CellSizeMeters!.Value, ComplaintCounts.ReadByDistrict(complaints)),
        };
        Write(outputDirectory, "sensors.json", sensors);
        Write(outputDirectory, "emergency.json", NycSensors.EmergencyProfiles(catalogue));
        city.Sensors = "sensors.json";
        city.EmergencyProfiles = "emergency.json";
        Write(outputDirectory, "city.json", city);
    }

    private static void Write<T>(string directory, string file, T document) =>
        File.WriteAllText(Path.Combine(directory, file), JsonSerializer.Serialize(document, Json) + "\n", Utf8);

    /// <summary>Every catalogue agency as a city-wide department plus an office in each borough.</summary>
    private static IEnumerable<DepartmentDocument> Departments(IEnumerable<(string Code, string Name)> boroughs)
    {
        var boroughList = boroughs.ToList();
        foreach (var (agency, name) in NycCatalogue.Agencies.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            yield return new DepartmentDocument { Code = $"nyc.{agency.ToLowerInvariant()}", Name = name, Unit = "nyc", Agency = agency };
            foreach (var (code, boroughName) in boroughList)
            {
                yield return new DepartmentDocument { Code = $"{code}.{agency.ToLowerInvariant()}", Name = $"{name}, {boroughName} office", Unit = code, Agency = agency };
            }
        }
    }
}
