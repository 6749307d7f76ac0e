using CityActors.Domain.Geography;
using NetTopologySuite.Geometries;

namespace CityActors.CityPackages.Nyc;

/// <summary>
/// Neighbourhoods → communities. Neighbourhood polygons do not follow community-district lines, so each is assigned
/// to the street (community district) it overlaps most and clipped to it; what no neighbourhood covers inside a
/// street becomes that street's "rest" community, so every point of a street has a community.
/// </summary>
internal static class NycCommunities
{
    public static List<(string Code, string Name, string Parent, Geometry Shape)> Assign(
        IReadOnlyList<GeoFeature> neighbourhoods,
        List<(string Code, string Name, Geometry Shape)> streets,
        Func<Geometry, double> area)
    {
        var result = new List<(string Code, string Name, string Parent, Geometry Shape)>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var byStreet = streets.ToDictionary(s => s.Code, _ => new List<Geometry>(), StringComparer.Ordinal);
        foreach (var neighbourhood in neighbourhoods.OrderBy(n => n.Property("name"), StringComparer.Ordinal))
        {
            var input = NycShapes.Clean(neighbourhood.Geometry);
            if (input is null)
            {
                continue;
            }

            var best = streets
                .Where(s => s.Shape.EnvelopeInternal.Intersects(input.EnvelopeInternal))
                .Select(s => (Street: s, Overlap: area(NycShapes.Intersect(s.Shape, input))))
                .OrderByDescending(x => x.Overlap)
                .FirstOrDefault();
            if (best.Overlap < NycShapes.MinimumAreaSquareMeters)
            {
                continue;
            }

            var shape = NycShapes.Clean(NycShapes.Intersect(input, best.Street.Shape));
            if (shape is null || area(shape) < NycShapes.MinimumAreaSquareMeters)
            {
                continue;
            }

            var code = UnitCodes.Unique(best.Street.Code, UnitCodes.Slug(neighbourhood.Property("name")), codes);
            codes.Add(code);
            result.Add((code, neighbourhood.Property("name"), best.Street.Code, shape));
            byStreet[best.Street.Code].Add(shape);
        }

        foreach (var street in streets)
        {
            var covered = byStreet[street.Code];
            var rest = covered.Count == 0 ? street.Shape : NycShapes.Clean(NycShapes.Difference(street.Shape, NycShapes.Union(covered)));
            if (rest is not null && area(rest) >= NycShapes.MinimumAreaSquareMeters)
            {
                result.Add(($"{street.Code}.rest", $"{street.Name} (rest)", street.Code, rest));
            }
        }

        return result;
    }
}
