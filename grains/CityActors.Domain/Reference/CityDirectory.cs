using CityActors.Domain.City;

namespace CityActors.Domain.Reference;

/// <summary>The city's reference data for front-ends (org tree, point lookup, matter catalogue, departments), read from the city model.</summary>
public sealed class CityDirectory(CityModel city)
{
    public OrgUnitDetail? Unit(string? code)
    {
        var unit = code is null ? city.Root : city.FindUnit(code);
        return unit is null
            ? null
            : new OrgUnitDetail(
                Summary(unit),
                [.. city.Lineage(unit.Code).Where(u => u.Code != unit.Code).Reverse().Select(Summary)],
                [.. city.Children(unit.Code).OrderBy(u => u.Code, StringComparer.Ordinal).Select(Summary)]);
    }

    /// <returns>Null when the point lies outside every grid cell of the city.</returns>
    public PlaceLookup? Locate(double longitude, double latitude)
    {
        var location = city.Locate(longitude, latitude);
        return location is { Grid: { } grid, Community: { } community, Street: { } street, District: { } district }
            ? new PlaceLookup(longitude, latitude, Summary(grid), Summary(community), Summary(street), Summary(district))
            : null;
    }

    public IReadOnlyList<MatterSummary> Matters() =>
        [.. city.Catalogue.Matters.Select(m => new MatterSummary(
            m.Code, m.NameZh, m.NameEn, m.Kind, m.MajorClass, m.MinorClass,
            [.. m.Limits.OrderBy(l => l.Key.Urgency).ThenBy(l => l.Key.Stage).Select(l => new MatterLimit(l.Key.Urgency, l.Key.Stage, l.Value.Duration, l.Value.Mode))]))];

    public IReadOnlyList<Department> Departments() => [.. city.Departments.OrderBy(d => d.Code, StringComparer.Ordinal)];

    private OrgUnitSummary Summary(OrgUnit unit) =>
        new(unit.Code, unit.Level, unit.Name, unit.ParentCode, city.CentreOf(unit.Code)?.Code, city.Children(unit.Code).Count());
}
