using CityActors.Api.Cases;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.City;

namespace CityActors.Api.Security;

/// <summary>
/// The part of the org tree whose vital signs and emergency modes a caller follows: the unit at <see cref="RootCode"/>
/// and every unit below it. Centre, grid and community staff are rooted at their own unit, department staff at their
/// department's unit. Org codes are hierarchical ("nyc.3.306" lies under "nyc.3"), so the code alone tells whether a
/// unit lies inside.
/// </summary>
public sealed record UnitScope(string RootCode)
{
    /// <summary>The caller's scope; null for callers without one (citizens, intake systems, an unknown department).</summary>
    public static async Task<UnitScope?> OfAsync(Actor caller, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(grains);
        switch (CallerScope.Of(caller))
        {
            case { OrgUnit: { } unit }:
                return new UnitScope(unit);
            case { Department: { } code }:
                var departments = await grains.GetGrain<ICityDirectoryGrain>(0).Departments();
                return departments.FirstOrDefault(d => d.Code == code) is { } department ? new UnitScope(department.OrgUnitCode) : null;
            default:
                return null;
        }
    }

    /// <summary>Whether <paramref name="unitCode"/> is the root or lies below it.</summary>
    public bool Covers(string unitCode) => IsWithin(unitCode, RootCode);

    /// <summary>Whether something at <paramref name="unitCode"/> concerns this scope: it lies inside, or above it (and so over all of it).</summary>
    public bool Touches(string unitCode) => Covers(unitCode) || IsWithin(RootCode, unitCode);

    /// <summary>Whether <paramref name="unitCode"/> is <paramref name="ancestorCode"/> or one of its descendants.</summary>
    public static bool IsWithin(string unitCode, string ancestorCode)
    {
        ArgumentNullException.ThrowIfNull(unitCode);
        ArgumentNullException.ThrowIfNull(ancestorCode);
        return unitCode == ancestorCode
            || (unitCode.Length > ancestorCode.Length
                && unitCode.StartsWith(ancestorCode, StringComparison.Ordinal)
                && unitCode[ancestorCode.Length] == '.');
    }
}
