using CityActors.GrainInterfaces.Cases;

namespace CityActors.GrainInterfaces.City;

/// <summary>A city, district or street operations centre (城运中心), keyed by its org unit code; roles: operator, leader.</summary>
[Alias("cityactors.ops-centre")]
public interface IOpsCenterGrain : IOrgGrain, IWorkQueueGrain;
