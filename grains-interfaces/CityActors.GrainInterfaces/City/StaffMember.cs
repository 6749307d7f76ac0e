namespace CityActors.GrainInterfaces.City;

/// <summary>A person responsible in an org unit (网格员, 社区工作者, 值班员, 承办人 …).</summary>
[GenerateSerializer, Immutable, Alias("cityactors.staff-member")]
public sealed record StaffMember([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string Role);
