using CityActors.GrainInterfaces.Cases;

namespace CityActors.GrainInterfaces.City;

/// <summary>A city, district or street operations centre (城运中心), keyed by its org unit code; staff: <see cref="Domain.Cases.Role.CentreOperator"/>, <see cref="Domain.Cases.Role.CentreLeader"/>.</summary>
[Alias("cityactors.ops-centre")]
public interface IOpsCenterGrain : IOrgGrain, IWorkQueueGrain;
