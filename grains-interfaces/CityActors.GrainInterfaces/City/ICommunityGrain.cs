namespace CityActors.GrainInterfaces.City;

/// <summary>A community (社区/村), keyed by its code; staff: <see cref="Domain.Cases.Role.CommunityWorker"/>.</summary>
[Alias("cityactors.community")]
public interface ICommunityGrain : IOrgGrain;
