using CityActors.Assist.Duplicates;

namespace CityActors.Assist.Similar;

/// <summary>
/// How alike two cases of the same matter are (0–1): half the word overlap of their texts, half their nearness
/// (e^(−distance / 1 km)). Within a few hundred metres the same crew and the same street furniture are involved; the
/// words tell a blocked drain from a broken grate. Shared by the history index and the city's own closed cases.
/// </summary>
public static class Similarity
{
    /// <summary>Distance at which nearness has fallen to 1/e.</summary>
    public const double NearnessMeters = 1000;

    public static double Score(HashSet<string> words, HashSet<string> otherWords, double? meters) =>
        0.5 * TextSimilarity.Jaccard(words, otherWords) + 0.5 * (meters is { } m ? Math.Exp(-m / NearnessMeters) : 0);

    public static HashSet<string> Words(string text) => TextSimilarity.Words(text);

    /// <summary>Metres between two points; null when either is not located.</summary>
    public static double? Meters(double? latitude, double? longitude, double? otherLatitude, double? otherLongitude) =>
        latitude is { } lat && longitude is { } lon && otherLatitude is { } otherLat && otherLongitude is { } otherLon
            ? Geo.Meters(lat, lon, otherLat, otherLon)
            : null;
}
