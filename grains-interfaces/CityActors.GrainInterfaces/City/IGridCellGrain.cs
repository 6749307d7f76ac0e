namespace CityActors.GrainInterfaces.City;

/// <summary>A grid cell (网格), keyed by its grid code; staff: <see cref="Domain.Cases.Role.GridInspector"/>.</summary>
[Alias("cityactors.grid-cell")]
public interface IGridCellGrain : IOrgGrain;
