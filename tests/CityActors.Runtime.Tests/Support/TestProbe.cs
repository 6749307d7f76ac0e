using System.Collections.Concurrent;

namespace CityActors.Runtime.Tests.Support;

/// <summary>
/// Shared between test grains and the test: an ordered event log, named gates grains wait on, and counters.
/// Waiting on a signal has a real-time safety limit so a broken runtime fails the test instead of hanging it.
/// </summary>
public sealed class TestProbe
{
    private static readonly TimeSpan SafetyLimit = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new();
    private readonly ConcurrentDictionary<string, int> _counters = new();
    private readonly ConcurrentQueue<string> _log = new();

    public IReadOnlyList<string> Log => [.. _log];

    public void Record(string entry) => _log.Enqueue(entry);

    public int Increment(string counter) => _counters.AddOrUpdate(counter, 1, static (_, n) => n + 1);

    public int Count(string counter) => _counters.GetValueOrDefault(counter);

    /// <summary>A task that completes when <see cref="Signal"/> is called with the same name (before or after).</summary>
    public Task Gate(string name) => Source(name).Task;

    public void Signal(string name) => Source(name).TrySetResult();

    public Task WaitFor(string name) => Source(name).Task.WaitAsync(SafetyLimit);

    private TaskCompletionSource Source(string name) =>
        _signals.GetOrAdd(name, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
