using CityActors.GrainInterfaces.Cases;

namespace CityActors.GrainInterfaces.City;

/// <summary>A department (委办局/承办单位), keyed by its department code; staff: <see cref="Domain.Cases.Role.DepartmentClerk"/>, <see cref="Domain.Cases.Role.DepartmentHandler"/>.</summary>
[Alias("cityactors.department")]
public interface IDepartmentGrain : IOrgGrain, IWorkQueueGrain;
