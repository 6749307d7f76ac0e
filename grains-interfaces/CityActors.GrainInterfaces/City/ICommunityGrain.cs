namespace CityActors.GrainInterfaces.City;

/// <summary>A community (社区/村), keyed by its code; roles: worker, secretary.</summary>
[Alias("cityactors.community")]
public interface ICommunityGrain : IOrgGrain;
