using CityActors.Domain.Cases;

namespace CityActors.GrainInterfaces.Cases;

/// <summary>
/// The case journals' feed for live front-ends: every case event in commit order, from any position. A stateless
/// worker (key 0) whose calls interleave, so many readers can wait at once.
/// </summary>
[Alias("cityactors.case-feed")]
public interface ICaseFeedGrain : IGrainWithIntegerKey
{
    /// <summary>The position of the newest event now: where a reader that wants only what comes next starts.</summary>
    [Alias("head")]
    Task<string> Head();

    /// <summary>Up to <paramref name="max"/> events after <paramref name="after"/>, waiting up to <paramref name="wait"/> (at most 20 s) for one.</summary>
    /// <exception cref="ArgumentException"><paramref name="after"/> is not a feed position.</exception>
    [Alias("next")]
    Task<CaseFeedPage> Next(string after, int max, TimeSpan wait);
}
