using CityActors.Domain.City;
using CityActors.Domain.Emergencies;
using CityActors.Domain.Reference;

namespace CityActors.GrainInterfaces.City;

/// <summary>The city's reference data for front-ends; a stateless worker on every silo (key 0), answered from the silo's city model.</summary>
[Alias("cityactors.city-directory")]
public interface ICityDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The unit (the city when <paramref name="code"/> is null) with its lineage and children; null when there is no such unit.</summary>
    [Alias("unit")]
    Task<OrgUnitDetail?> Unit(string? code);

    /// <summary>The grid cell and units a point lies in; null outside the city.</summary>
    [Alias("locate")]
    Task<PlaceLookup?> Locate(double longitude, double latitude);

    [Alias("matters")]
    Task<IReadOnlyList<MatterSummary>> Matters();

    [Alias("departments")]
    Task<IReadOnlyList<Department>> Departments();

    /// <summary>The city package's emergency profiles (平战切换), by code.</summary>
    [Alias("emergency-profiles")]
    Task<IReadOnlyList<EmergencyProfile>> EmergencyProfiles();

    /// <summary>The boundaries of the units at <paramref name="level"/> within <paramref name="within"/> as compact GeoJSON (<see cref="MapLayers"/>).</summary>
    /// <exception cref="ArgumentException">No such unit, a level above it, or grid cells of more than a street.</exception>
    [Alias("map-layer")]
    Task<string> MapLayer(OrgLevel level, string within);

    /// <summary>The codes of the units at <paramref name="level"/> within <paramref name="within"/>.</summary>
    [Alias("unit-codes")]
    Task<IReadOnlyList<string>> UnitCodes(OrgLevel level, string within);
}
