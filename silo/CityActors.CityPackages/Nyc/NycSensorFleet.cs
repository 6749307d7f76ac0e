using System.Globalization;
using CityActors.Domain.City;
using CityActors.Domain.Package;
using CityActors.Domain.Sensors;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace CityActors.CityPackages.Nyc;

/// <summary>
/// Places the NYC demo fleet on the grid cells of the built city, by kind of place, from a fixed seed:
/// <list type="bullet">
/// <item>Shore cells lie in a lattice square the city's cells cover less than 99 % of: the square reaches past the
/// city's outline, which in NYC is almost all shoreline (the land borders with Westchester and Nassau count too).
/// Slivers under a tenth of a cell are left out. Water-level sensors go there.</item>
/// <item>River-crossing cells are shore cells within 1 km of another borough's shore (East River, Harlem River, the
/// Narrows): bridge-strain sensors go there.</item>
/// <item>Interior cells are whole cells (95 % of a full square or more) off the shore. They are weighted by the 311
/// requests per km² of their community district: all requests for street-light, manhole and smoke sensors (how
/// built-up the place is), noise requests for noise sensors, heat/hot-water and residential-noise requests for gas
/// sensors (where people live), and the square root of all requests for PM2.5 (an air survey spreads out more).</item>
/// </list>
/// Each kind draws its cells without replacement (weighted reservoir keys) from its own seeded random source, and a
/// point inside the cell, rounded to 1e-6°, that the city locates back in that cell.
/// </summary>
internal static class NycSensorFleet
{
    public const int Seed = 311_2026;

    private const double CoveredShare = 0.99;
    private const double ShoreSliverShare = 0.10;
    private const double WholeCellShare = 0.95;
    private const int RiverCrossingSquares = 4;

    private static readonly string[] ResidentialTypes = ["HEAT/HOT WATER", "HEATING", "Noise - Residential"];

    private static readonly (SensorKind Kind, string Prefix, string Label, int Count, Siting Siting)[] Plan =
    [
        (SensorKind.WaterLevel, "wl", "Water level", 400, Siting.Shore),
        (SensorKind.ManholeTilt, "mt", "Manhole tilt", 500, Siting.BuiltUp),
        (SensorKind.Smoke, "sm", "Smoke", 300, Siting.BuiltUp),
        (SensorKind.Noise, "ns", "Noise", 400, Siting.Noisy),
        (SensorKind.Pm25, "pm", "PM2.5", 250, Siting.Spread),
        (SensorKind.StreetLightCurrent, "sl", "Street light", 600, Siting.BuiltUp),
        (SensorKind.BridgeStrain, "bs", "Bridge strain", 150, Siting.RiverCrossing),
        (SensorKind.GasConcentration, "gc", "Gas", 400, Siting.Residential),
    ];

    private enum Siting
    {
        Shore,
        RiverCrossing,
        BuiltUp,
        Noisy,
        Residential,
        Spread,
    }

    /// <summary>The fleet, kind by kind in enum order, ids numbered in grid-code order within a kind.</summary>
    public static List<SensorPlacementDocument> Place(CityModel city, double cellSizeMeters, IReadOnlyDictionary<int, Dictionary<string, long>> complaints)
    {
        var cells = Cells(city, cellSizeMeters);
        var fleet = new List<SensorPlacementDocument>();
        foreach (var (kind, prefix, label, count, siting) in Plan.OrderBy(p => p.Kind))
        {
            var random = new Random(Seed + (int)kind);
            var weights = Weights(cells, siting, complaints);
            var drawn = cells
                .Select((cell, i) => (Cell: cell, Weight: weights[i]))
                .Where(c => c.Weight > 0)
                .Select(c => (c.Cell, Key: Math.Log(1 - random.NextDouble()) / c.Weight)) // Efraimidis–Spirakis: the largest keys win
                .OrderByDescending(c => c.Key)
                .Select(c => c.Cell);
            var placed = new List<(Cell Cell, double Longitude, double Latitude)>();
            foreach (var cell in drawn)
            {
                if (PointIn(cell, city, random) is { } point)
                {
                    placed.Add((cell, point.Longitude, point.Latitude));
                    if (placed.Count == count)
                    {
                        break;
                    }
                }
            }

            fleet.AddRange(placed.OrderBy(p => p.Cell.Unit.Code, StringComparer.Ordinal).Select((p, i) => new SensorPlacementDocument
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"nyc-{prefix}-{i + 1:D5}"),
                Kind = NycSensors.Name(kind),
                Lon = p.Longitude,
                Lat = p.Latitude,
                Name = $"{label}, {city.Unit(p.Cell.Unit.ParentCode!).Name}",
            }));
        }

        return fleet;
    }

    private static List<Cell> Cells(CityModel city, double size)
    {
        var cells = city.Units
            .Where(u => u.Level == OrgLevel.Grid)
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(u =>
            {
                var metric = city.Projection.ToMeters(u.Boundary!);
                var inside = metric.InteriorPoint.Coordinate;
                return new Cell(u, metric, ((long)Math.Floor(inside.X / size), (long)Math.Floor(inside.Y / size)));
            })
            .ToList();
        var full = size * size;
        var covered = cells.GroupBy(c => c.Square).ToDictionary(g => g.Key, g => g.Sum(c => c.Metric.Area));
        foreach (var cell in cells)
        {
            cell.Share = cell.Metric.Area / full;
            cell.IsShore = covered[cell.Square] < full * CoveredShare && cell.Share >= ShoreSliverShare;
        }

        var shoreBoroughs = cells.Where(c => c.IsShore).ToLookup(c => c.Square, c => c.Borough);
        foreach (var cell in cells.Where(c => c.IsShore))
        {
            cell.IsRiverCrossing = Around(cell.Square).Any(s => shoreBoroughs[s].Any(b => b != cell.Borough));
        }

        return cells;
    }

    private static IEnumerable<(long, long)> Around((long X, long Y) square)
    {
        for (var dx = -RiverCrossingSquares; dx <= RiverCrossingSquares; dx++)
        {
            for (var dy = -RiverCrossingSquares; dy <= RiverCrossingSquares; dy++)
            {
                yield return (square.X + dx, square.Y + dy);
            }
        }
    }

    private static double[] Weights(List<Cell> cells, Siting siting, IReadOnlyDictionary<int, Dictionary<string, long>> complaints)
    {
        if (siting is Siting.Shore or Siting.RiverCrossing)
        {
            return [.. cells.Select(c => (siting == Siting.Shore ? c.IsShore : c.IsRiverCrossing) ? 1.0 : 0.0)];
        }

        Func<string, bool> counts = siting switch
        {
            Siting.Noisy => type => type.StartsWith("Noise", StringComparison.OrdinalIgnoreCase),
            Siting.Residential => type => ResidentialTypes.Contains(type, StringComparer.OrdinalIgnoreCase),
            _ => _ => true,
        };
        var areas = cells.GroupBy(c => c.District).ToDictionary(g => g.Key, g => g.Sum(c => c.Metric.Area) / 1e6);
        var density = areas.ToDictionary(
            a => a.Key,
            a => complaints.GetValueOrDefault(a.Key)?.Where(t => counts(t.Key)).Sum(t => t.Value) / a.Value ?? 0);
        // Joint-interest areas (parks, airports) have no board and no requests: a floor keeps a few sensors there.
        var floor = density.Values.Average() * 0.05;
        return [.. cells.Select(c => c.IsShore || c.Share < WholeCellShare ? 0 : siting == Siting.Spread ? Math.Sqrt(density[c.District] + floor) : density[c.District] + floor)];
    }

    private static (double Longitude, double Latitude)? PointIn(Cell cell, CityModel city, Random random)
    {
        var prepared = PreparedGeometryFactory.Prepare(cell.Metric);
        var envelope = cell.Metric.EnvelopeInternal;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var x = envelope.MinX + (random.NextDouble() * envelope.Width);
            var y = envelope.MinY + (random.NextDouble() * envelope.Height);
            if (!prepared.Contains(cell.Metric.Factory.CreatePoint(new Coordinate(x, y))))
            {
                continue;
            }

            var (longitude, latitude) = city.Projection.Inverse(x, y);
            (longitude, latitude) = (Math.Round(longitude, 6), Math.Round(latitude, 6));
            if (city.Locate(longitude, latitude).Grid?.Code == cell.Unit.Code)
            {
                return (longitude, latitude);
            }
        }

        return null;
    }

    private sealed class Cell(OrgUnit unit, Geometry metric, (long X, long Y) square)
    {
        public OrgUnit Unit { get; } = unit;

        public Geometry Metric { get; } = metric;

        /// <summary>The lattice square (column, row) the cell was cut from.</summary>
        public (long X, long Y) Square { get; } = square;

        public string Borough { get; } = unit.AncestorCode(OrgLevel.District);

        /// <summary>The community district number (BoroCD) of the cell's street, e.g. 105 for nyc.1.105.</summary>
        public int District { get; } = int.Parse(unit.AncestorCode(OrgLevel.Street).Split(OrgUnit.Separator)[^1], CultureInfo.InvariantCulture);

        public double Share { get; set; }

        public bool IsShore { get; set; }

        public bool IsRiverCrossing { get; set; }
    }
}
