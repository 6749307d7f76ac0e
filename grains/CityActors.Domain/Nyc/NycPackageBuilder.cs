using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CityActors.Domain.Geography;
using CityActors.Domain.Package;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Precision;

namespace CityActors.Domain.Nyc;

/// <summary>
/// Builds the NYC demo city package from the public data in ../shared/data/nyc:
/// boroughs → districts (nyc.&lt;BoroCode&gt;), community districts → streets (nyc.&lt;boro&gt;.&lt;BoroCD&gt;, clipped to
/// their borough), neighbourhoods → communities (each assigned to the street it overlaps most and clipped to it; what
/// no neighbourhood covers becomes a "rest" community, so every point of a street has a community), NYC agencies as
/// city departments with an office in every borough, the 311 catalogue, and NYC's 2026 public holidays.
/// </summary>
public static class NycPackageBuilder
{
    private const double MinimumAreaSquareMeters = 10_000; // 1 ha: smaller pieces are digitising noise between layers

    private static readonly GeometryPrecisionReducer Reducer = new(new PrecisionModel(1e6));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // NYC municipal holidays in 2026 (Independence Day falls on a Saturday and is observed on Friday 3 July).
    private static readonly string[] Holidays2026 =
    [
        "2026-01-01", "2026-01-19", "2026-02-12", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03",
        "2026-09-07", "2026-10-12", "2026-11-03", "2026-11-11", "2026-11-26", "2026-12-25",
    ];

    public static void Build(string dataDirectory, string outputDirectory)
    {
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
            var shape = Clean(borough.Geometry)!;
            boroughShapes[number] = (code, borough.Property("BoroName"), shape);
            units.Add(new UnitDocument { Code = code, Level = "district", Name = borough.Property("BoroName"), Parent = "nyc" });
            shapes.Add((code, borough.Property("BoroName"), shape));
        }

        var streets = new List<(string Code, string Name, Geometry Shape)>();
        foreach (var district in districts.OrderBy(d => int.Parse(d.Property("BoroCD"), CultureInfo.InvariantCulture)))
        {
            var boroCd = int.Parse(district.Property("BoroCD"), CultureInfo.InvariantCulture);
            var (boroughCode, boroughName, boroughShape) = boroughShapes[boroCd / 100];
            var shape = Clean(Intersect(Clean(district.Geometry)!, boroughShape));
            if (shape is null || Area(shape) < MinimumAreaSquareMeters)
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

        var communities = AssignCommunities(neighbourhoods, streets, Area);
        foreach (var (code, name, parent, shape) in communities)
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
        File.WriteAllText(Path.Combine(outputDirectory, "city.json"), JsonSerializer.Serialize(city, Json) + "\n", Encoding.UTF8);
        var catalogue = NycCatalogue.Build(ComplaintCounts(Path.Combine(dataDirectory, "nyc311-complaints-by-community-board.csv")));
        File.WriteAllText(Path.Combine(outputDirectory, "matters.json"), JsonSerializer.Serialize(catalogue, Json) + "\n", Encoding.UTF8);
    }

    private static List<(string Code, string Name, string Parent, Geometry Shape)> AssignCommunities(
        IReadOnlyList<GeoFeature> neighbourhoods,
        List<(string Code, string Name, Geometry Shape)> streets,
        Func<Geometry, double> area)
    {
        var result = new List<(string Code, string Name, string Parent, Geometry Shape)>();
        var byStreet = streets.ToDictionary(s => s.Code, _ => new List<Geometry>(), StringComparer.Ordinal);
        foreach (var neighbourhood in neighbourhoods.OrderBy(n => n.Property("name"), StringComparer.Ordinal))
        {
            var input = Clean(neighbourhood.Geometry);
            if (input is null)
            {
                continue;
            }

            var best = streets
                .Where(s => s.Shape.EnvelopeInternal.Intersects(input.EnvelopeInternal))
                .Select(s => (Street: s, Overlap: area(Intersect(s.Shape, input))))
                .OrderByDescending(x => x.Overlap)
                .FirstOrDefault();
            if (best.Overlap < MinimumAreaSquareMeters)
            {
                continue;
            }

            var shape = Clean(Intersect(input, best.Street.Shape));
            if (shape is null || area(shape) < MinimumAreaSquareMeters)
            {
                continue;
            }

            var code = UniqueCode(best.Street.Code, Slug(neighbourhood.Property("name")), result);
            result.Add((code, neighbourhood.Property("name"), best.Street.Code, shape));
            byStreet[best.Street.Code].Add(shape);
        }

        foreach (var street in streets)
        {
            var covered = byStreet[street.Code];
            var rest = covered.Count == 0
                ? street.Shape
                : Clean(OverlayNGRobust.Overlay(street.Shape, OverlayNGRobust.Union(covered), SpatialFunction.Difference));
            if (rest is not null && area(rest) >= MinimumAreaSquareMeters)
            {
                result.Add(($"{street.Code}.rest", $"{street.Name} (rest)", street.Code, rest));
            }
        }

        return result;
    }

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

    private static Dictionary<string, long> ComplaintCounts(string csv)
    {
        var counts = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(csv).Skip(1))
        {
            // year,Community Board,Borough,Complaint Type,cnt — the complaint type may itself contain commas inside quotes.
            var lastComma = line.LastIndexOf(',');
            var fields = line[..lastComma].Split(',', 4);
            if (fields.Length == 4 && long.TryParse(line[(lastComma + 1)..], CultureInfo.InvariantCulture, out var count))
            {
                var type = fields[3].Trim('"');
                counts[type] = counts.GetValueOrDefault(type) + count;
            }
        }

        return counts;
    }

    private static Geometry Intersect(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection);

    /// <summary>The polygonal part at 1e-6° precision (about 0.1 m), repaired if rounding made it invalid.</summary>
    private static Geometry? Clean(Geometry geometry)
    {
        var polygonal = geometry.PolygonalPart();
        if (polygonal is null || polygonal.IsEmpty)
        {
            return null;
        }

        if (!polygonal.IsValid)
        {
            polygonal = NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(polygonal).PolygonalPart();
        }

        var reduced = polygonal is null ? null : Reducer.Reduce(polygonal).PolygonalPart();
        if (reduced is not null && !reduced.IsValid)
        {
            reduced = NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(reduced).PolygonalPart();
        }

        return reduced is null || reduced.IsEmpty ? null : reduced;
    }

    private static string Slug(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var slug = string.Join('-', builder.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }

    private static string UniqueCode(string parent, string slug, List<(string Code, string Name, string Parent, Geometry Shape)> existing)
    {
        var code = $"{parent}.{slug}";
        for (var n = 2; existing.Any(e => e.Code == code); n++)
        {
            code = $"{parent}.{slug}-{n}";
        }

        return code;
    }
}
