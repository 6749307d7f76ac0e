using CityActors.Domain.Cases;
using CityActors.Domain.City;

namespace CityActors.LoadTests.Setup;

/// <summary>
/// A case the lifecycle benchmark can drive to closure without a human decision: a grid-cell centre and a matter whose
/// catalogue rule names a single department there, so accepting the case dispatches it automatically to that department.
/// </summary>
public sealed record CasePlan(ReportedLocation Location, string Matter, string Street, string Department)
{
    /// <summary>Up to <paramref name="cells"/> grid-cell centres of <paramref name="city"/>, each paired with a random single-owner matter (fixed seed).</summary>
    public static IReadOnlyList<CasePlan> For(CityModel city, int cells = 2000)
    {
        ArgumentNullException.ThrowIfNull(city);
        var decider = new CaseDecider(city, CaseRules.Default);
        var random = new Random(7);
        var plans = new List<CasePlan>();
        foreach (var cell in city.Units.Where(u => u.Level == OrgLevel.Grid).OrderBy(u => u.Code, StringComparer.Ordinal).OrderBy(_ => random.Next()).Take(cells))
        {
            var point = cell.Boundary!.InteriorPoint;
            var location = ReportedLocation.At(point.X, point.Y);
            var place = decider.Locate(location);
            var matter = city.Catalogue.Matters[random.Next(city.Catalogue.Matters.Count)];
            if (DispatchPlanner.Plan(city, matter, place).SingleOwner is { } department)
            {
                plans.Add(new CasePlan(location, matter.Code, place.StreetCode, department));
            }
        }

        return plans.Count > 0 ? plans : throw new InvalidOperationException($"No single-owner matter found in {city.Name}; the lifecycle cannot dispatch automatically.");
    }
}
