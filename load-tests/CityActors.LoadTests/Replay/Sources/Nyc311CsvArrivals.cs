using System.Globalization;
using CityActors.Domain.City;

namespace CityActors.LoadTests.Replay.Sources;

/// <summary>
/// New cases from a CSV in the NYC Open Data "311 Service Requests" schema (the shipped 100-row sample or a user's
/// export): each row's Created Date, in order, compressed in time from the earliest; its Complaint Type as the
/// catalogue matter; its Latitude/Longitude, or else a point drawn inside its Community Board's district; its Open Data
/// Channel Type as the channel; its Unique Key as the external id. Rows the city cannot take are counted by reason.
/// </summary>
public sealed class Nyc311CsvArrivals
{
    private static readonly string[] DateFormats = ["MM/dd/yyyy hh:mm:ss tt", "yyyy-MM-ddTHH:mm:ss.fff", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    private Nyc311CsvArrivals(IReadOnlyList<CaseArrival> arrivals, IReadOnlyDictionary<string, int> skipped, int rows, TimeSpan citySpan) =>
        (Arrivals, Skipped, Rows, CitySpan) = (arrivals, skipped, rows, citySpan);

    public IReadOnlyList<CaseArrival> Arrivals { get; }

    /// <summary>Rows left out, by reason.</summary>
    public IReadOnlyDictionary<string, int> Skipped { get; }

    public int Rows { get; }

    /// <summary>From the earliest to the latest Created Date kept.</summary>
    public TimeSpan CitySpan { get; }

    /// <exception cref="InvalidDataException">The file lacks a column the replay needs.</exception>
    public static Nyc311CsvArrivals Load(string path, CityModel city, double compression, int seed)
    {
        ArgumentNullException.ThrowIfNull(city);
        var places = new PlaceSampler(city);
        var random = new Random(seed);
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<(DateTime Created, CaseArrival Arrival)>();
        var rows = 0;
        using (var csv = NamedCsv.Open(path))
        {
            var missing = new[] { "Unique Key", "Created Date", "Complaint Type", "Latitude", "Longitude" }
                .Where(c => !csv.Headers.Contains(c, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidDataException($"{path} is not in the NYC 311 schema: it has no column {string.Join(", ", missing.Select(c => $"'{c}'"))}.");
            }

            while (csv.Read())
            {
                rows++;
                var reason = Read(csv, city, places, random, out var created, out var arrival);
                if (reason is null)
                {
                    kept.Add((created, arrival!));
                }
                else
                {
                    skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
                }
            }
        }

        if (kept.Count == 0)
        {
            return new Nyc311CsvArrivals([], skipped, rows, TimeSpan.Zero);
        }

        kept.Sort((a, b) => a.Created.CompareTo(b.Created));
        var first = kept[0].Created;
        var arrivals = kept.Select(k => k.Arrival with { At = TimeSpan.FromSeconds((k.Created - first).TotalSeconds / compression) }).ToList();
        return new Nyc311CsvArrivals(arrivals, skipped, rows, kept[^1].Created - first);
    }

    private static string? Read(NamedCsv csv, CityModel city, PlaceSampler places, Random random, out DateTime created, out CaseArrival? arrival)
    {
        arrival = null;
        if (!DateTime.TryParseExact(csv.Get("Created Date"), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out created))
        {
            return "unreadable Created Date";
        }

        var key = csv.Get("Unique Key")?.Trim();
        if (!CityActors.Domain.Cases.Channels.IsValidExternalId(key))
        {
            return "unusable Unique Key";
        }

        if (ComplaintMix.MatterOf(city, csv.Get("Complaint Type")) is not { } matter)
        {
            return "complaint type not in the catalogue";
        }

        string? street;
        double lon, lat;
        if (double.TryParse(csv.Get("Longitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out lon)
            && double.TryParse(csv.Get("Latitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out lat))
        {
            street = places.StreetAt(lon, lat);
            if (street is null)
            {
                return "location outside the city";
            }
        }
        else
        {
            var board = csv.Get("Community Board");
            street = ComplaintMix.StreetOfBoard(board);
            if (street is null || city.FindUnit(street) is null)
            {
                return "no location and no known community board";
            }

            (lon, lat) = places.Draw(street, random);
        }

        var channel = csv.Get("Open Data Channel Type");
        arrival = new CaseArrival(TimeSpan.Zero, ChannelMix.ChannelOf(channel), key!, matter, street, lon, lat);
        return null;
    }
}
