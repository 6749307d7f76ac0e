using CityActors.Domain.Cases;

namespace CityActors.GrainInterfaces.City;

/// <summary>
/// A person responsible in an org unit (网格员, 社区工作者, 值班员, 承办人 …), in the same <see cref="Domain.Cases.Role"/>
/// the case rules check; the unit accepts only the roles held at its kind of unit (<see cref="StaffRoles.At"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("cityactors.staff-member")]
public sealed record StaffMember([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] Role Role);
