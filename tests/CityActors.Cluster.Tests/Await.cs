using System.Diagnostics;

namespace CityActors.Cluster.Tests;

/// <summary>Waits for a condition outside the test's control (another process, the database) with a deadline.</summary>
internal static class Await
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Not within {limit.TotalSeconds:0.#} s: {what}.");
            }

            await Task.Delay(Poll);
        }
    }
}
