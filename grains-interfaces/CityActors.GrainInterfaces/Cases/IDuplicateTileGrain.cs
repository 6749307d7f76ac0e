using CityActors.Domain.Cases;

namespace CityActors.GrainInterfaces.Cases;

/// <summary>Open cases of one square kilometre of the city (key "x:y" on the city's metric plane), for duplicate detection.</summary>
[Alias("cityactors.duplicate-tile")]
public interface IDuplicateTileGrain : IGrainWithStringKey
{
    [Alias("add")]
    Task Add(OpenCaseMark mark);

    [Alias("remove")]
    Task Remove(string caseId);

    [Alias("find-near"), ReadOnly]
    Task<IReadOnlyList<string>> FindNear(string matterCode, double x, double y, double radiusMeters, DateTimeOffset reportedSince);
}
