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

    /// <summary>Every open case of the tile, of any matter, within the radius of (x, y) reported since the instant, with
    /// its distance and the start of its description: what a learned duplicate score weighs.</summary>
    [Alias("candidates-near"), ReadOnly]
    Task<IReadOnlyList<DuplicateCandidate>> CandidatesNear(double x, double y, double radiusMeters, DateTimeOffset reportedSince);
}
