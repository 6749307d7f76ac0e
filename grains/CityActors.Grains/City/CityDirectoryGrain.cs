using CityActors.Domain.City;
using CityActors.Domain.Emergencies;
using CityActors.Domain.Reference;
using CityActors.GrainInterfaces.City;
using Orleans.Concurrency;

namespace CityActors.Grains.City;

/// <summary>Serves <see cref="CityDirectory"/> on the silo that received the call: every silo holds the same city model.</summary>
[StatelessWorker]
public sealed class CityDirectoryGrain(CityModel city, MapLayers layers) : Grain, ICityDirectoryGrain
{
    private readonly CityDirectory _directory = new(city);
    private readonly MapLayers _layers = layers;

    public Task<OrgUnitDetail?> Unit(string? code) => Task.FromResult(_directory.Unit(code));

    public Task<PlaceLookup?> Locate(double longitude, double latitude) =>
        double.IsFinite(longitude) && double.IsFinite(latitude)
            ? Task.FromResult(_directory.Locate(longitude, latitude))
            : throw new ArgumentException($"A point needs finite coordinates; got {longitude}, {latitude}.");

    public Task<IReadOnlyList<MatterSummary>> Matters() => Task.FromResult(_directory.Matters());

    public Task<IReadOnlyList<Department>> Departments() => Task.FromResult(_directory.Departments());

    public Task<IReadOnlyList<EmergencyProfile>> EmergencyProfiles() =>
        Task.FromResult<IReadOnlyList<EmergencyProfile>>([.. city.EmergencyProfiles.Values.OrderBy(p => p.Code, StringComparer.Ordinal)]);

    public Task<string> MapLayer(OrgLevel level, string within) => Task.FromResult(_layers.Layer(level, within));

    public Task<IReadOnlyList<string>> UnitCodes(OrgLevel level, string within) => Task.FromResult(_layers.UnitCodes(level, within));
}
