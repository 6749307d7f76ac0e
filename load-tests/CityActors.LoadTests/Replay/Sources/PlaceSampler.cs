using CityActors.Domain.City;

namespace CityActors.LoadTests.Replay.Sources;

/// <summary>
/// Points drawn uniformly inside a street's real boundary (a community district clipped to its borough): uniform in its
/// bounding box, kept when the city locates it in that street, so every point is one the cluster places there too.
/// </summary>
public sealed class PlaceSampler(CityModel city)
{
    private const int Attempts = 500;

    private readonly Dictionary<string, NetTopologySuite.Geometries.Envelope> _envelopes = new(StringComparer.Ordinal);

    public (double Longitude, double Latitude) Draw(string street, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!_envelopes.TryGetValue(street, out var box))
        {
            box = city.Unit(street).Boundary?.EnvelopeInternal ?? throw new InvalidOperationException($"Street {street} has no boundary.");
            _envelopes[street] = box;
        }

        for (var i = 0; i < Attempts; i++)
        {
            var lon = Math.Round(box.MinX + (random.NextDouble() * box.Width), 6);
            var lat = Math.Round(box.MinY + (random.NextDouble() * box.Height), 6);
            if (city.Locate(lon, lat).Street?.Code == street)
            {
                return (lon, lat);
            }
        }

        throw new InvalidOperationException($"No point of street {street} found in {Attempts} draws from its bounding box.");
    }

    /// <summary>The street the city locates the point in, or null outside the city.</summary>
    public string? StreetAt(double longitude, double latitude) => city.Locate(longitude, latitude).Street?.Code;
}
