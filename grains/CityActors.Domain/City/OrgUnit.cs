using NetTopologySuite.Geometries;

namespace CityActors.Domain.City;

/// <summary>
/// One unit of the hierarchy. Codes are hierarchical: a child's code is its parent's code, a dot, and a local
/// segment ("nyc" → "nyc.3" → "nyc.3.306" → "nyc.3.306.park-slope" → "nyc.3.306.park-slope.0042"), so the code alone
/// tells every ancestor.
/// </summary>
public sealed record OrgUnit(string Code, OrgLevel Level, string Name, string? ParentCode, Geometry? Boundary)
{
    public const char Separator = '.';

    /// <summary>The code of the ancestor at <paramref name="level"/> (this unit's own code at its own level).</summary>
    public string AncestorCode(OrgLevel level)
    {
        if (level > Level)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"{Code} is a {Level}; it has no {level} ancestor.");
        }

        var segments = Code.Split(Separator);
        return string.Join(Separator, segments.Take((int)level));
    }
}
