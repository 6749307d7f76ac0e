using System.Collections.Concurrent;

namespace CityActors.PostgreSql.Tests.Clustering;

/// <summary>Lets a test await the first tick of a reminder that a given silo delivers (silos run in the test's process).</summary>
internal static class ReminderTicks
{
    private static readonly ConcurrentDictionary<(string Grain, string Reminder, SiloAddress Silo), TaskCompletionSource> Ticks = new();

    public static Task FirstTick(string grain, string reminder, SiloAddress silo) => Source(grain, reminder, silo).Task;

    public static void Signal(string grain, string reminder, SiloAddress silo) => Source(grain, reminder, silo).TrySetResult();

    private static TaskCompletionSource Source(string grain, string reminder, SiloAddress silo) =>
        Ticks.GetOrAdd((grain, reminder, silo), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
