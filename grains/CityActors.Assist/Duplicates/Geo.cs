namespace CityActors.Assist.Duplicates;

internal static class Geo
{
    private const double EarthRadiusMeters = 6_371_008.8;

    /// <summary>Equirectangular distance: exact enough (well under 1 %) at the few hundred metres duplicates live within.</summary>
    public static double Meters(double lat1, double lon1, double lat2, double lon2)
    {
        var phi = (lat1 + lat2) / 2 * Math.PI / 180;
        var dx = (lon2 - lon1) * Math.PI / 180 * Math.Cos(phi);
        var dy = (lat2 - lat1) * Math.PI / 180;
        return EarthRadiusMeters * Math.Sqrt(dx * dx + dy * dy);
    }
}
