using CityActors.Domain.City;
using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

/// <summary>
/// Applies a matter's dispatch rule at a place. Three tiers of responsibility: the area owner (a department that owns
/// the matter in the deepest area covering the place), the territory (属地: the street-level owner agency's office at
/// the place's street) and the line owner (the district- and city-level owner agencies' offices). Components try owner
/// first (先属主后属地: area, line, territory); events try territory first (先属地后属主: territory, area, line). The first
/// tier that names anyone decides; more than one department in it, or nobody at all, leaves the case to the
/// responsible centre for manual dispatch.
/// </summary>
public static class DispatchPlanner
{
    public static DispatchPlan Plan(CityModel city, Matter matter, CasePlace place)
    {
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(matter);
        ArgumentNullException.ThrowIfNull(place);

        var area = AreaOwners(matter, place);
        var territory = LevelOwners(city, matter, place, OrgLevel.Street).ToList();
        var line = LevelOwners(city, matter, place, OrgLevel.District).Concat(LevelOwners(city, matter, place, OrgLevel.City)).ToList();
        var tiers = matter.DispatchRule == DispatchRule.OwnerFirst
            ? new (string Name, List<string> Departments)[] { ("area owner", area), ("line owner", line), ("territory", territory) }
            : [("territory", territory), ("area owner", area), ("line owner", line)];

        foreach (var (name, departments) in tiers)
        {
            if (departments.Count == 1)
            {
                return new DispatchPlan(departments, $"{matter.DispatchRule}: {name} {departments[0]}");
            }

            if (departments.Count > 1)
            {
                return new DispatchPlan(departments, $"{matter.DispatchRule}: several {name}s ({string.Join(", ", departments)}); the centre decides");
            }
        }

        return new DispatchPlan([], $"{matter.DispatchRule}: matter {matter.Code} has no owner at {place.StreetCode}; the centre decides");
    }

    private static List<string> AreaOwners(Matter matter, CasePlace place)
    {
        var units = new[] { place.GridCode, place.CommunityCode, place.StreetCode, place.DistrictCode };
        foreach (var unit in units)
        {
            if (unit is null)
            {
                continue;
            }

            var owners = matter.AreaOwners.Where(o => o.AreaCode == unit).Select(o => o.DepartmentCode).Distinct().ToList();
            if (owners.Count > 0)
            {
                return owners;
            }
        }

        return [.. matter.AreaOwners.Where(o => !o.AreaCode.Contains(OrgUnit.Separator)).Select(o => o.DepartmentCode).Distinct()];
    }

    private static IEnumerable<string> LevelOwners(CityModel city, Matter matter, CasePlace place, OrgLevel level)
    {
        if (!matter.OwnerAgencies.TryGetValue(level, out var agency))
        {
            return [];
        }

        var unit = level switch
        {
            OrgLevel.Street => place.StreetCode,
            OrgLevel.District => place.DistrictCode,
            _ => city.Root.Code,
        };
        return city.DepartmentOf(agency, unit) is { } department ? [department.Code] : [];
    }
}
