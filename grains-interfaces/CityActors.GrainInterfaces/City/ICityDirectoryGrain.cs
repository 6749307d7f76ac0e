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
}
