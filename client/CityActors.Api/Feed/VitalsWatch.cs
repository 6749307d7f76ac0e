using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CityActors.Domain.Vitals;
using CityActors.GrainInterfaces.Vitals;

namespace CityActors.Api.Feed;

/// <summary>
/// The "vitals" events of a live feed: the vital signs of the caller's scope root, sent when the stream opens and then
/// whenever they differ from the last ones sent, checked every <see cref="FeedSettings.VitalsInterval"/>. They carry no
/// event id: a reconnecting client resumes by its last case event's id, and gets the current vital signs anew.
/// </summary>
internal static class VitalsWatch
{
    public const string EventType = "vitals";

    public static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        IVitalsGrain unit, TimeSpan interval, TimeProvider time, [EnumeratorCancellation] CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, time);
        string? lastSent = null;
        do
        {
            var vitals = await TryGetAsync(unit);

            // The moment of the reading changes at every check; only a change in what it says is news.
            var comparable = vitals is null ? lastSent : JsonSerializer.Serialize(vitals with { At = default }, ApiJson.Options);
            if (vitals is not null && comparable != lastSent)
            {
                lastSent = comparable;
                yield return new SseItem<string>(JsonSerializer.Serialize(vitals, ApiJson.Options), EventType);
            }
        }
        while (await timer.WaitForNextTickAsync(stop));
    }

    /// <summary>Null when the cluster did not answer this time: the case events go on, and the next check tries again.</summary>
    private static async Task<VitalSigns?> TryGetAsync(IVitalsGrain unit)
    {
        try
        {
            return await unit.Get();
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return null;
        }
    }
}
