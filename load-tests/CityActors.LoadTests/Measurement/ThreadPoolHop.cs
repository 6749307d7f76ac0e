using System.Runtime.CompilerServices;

namespace CityActors.LoadTests.Measurement;

/// <summary>
/// <c>await new ThreadPoolHop()</c> continues on a thread-pool thread taken from the global queue, whatever thread and
/// task scheduler the awaiting code ran on. Unlike <c>Task.Yield</c>, it never queues onto the current task
/// scheduler, which inside a completing grain turn would be that grain's scheduler.
/// </summary>
public readonly struct ThreadPoolHop : ICriticalNotifyCompletion
{
    public ThreadPoolHop GetAwaiter() => this;

    public bool IsCompleted => false;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) =>
        ThreadPool.QueueUserWorkItem(static run => run(), continuation, preferLocal: false);

    public void UnsafeOnCompleted(Action continuation) =>
        ThreadPool.UnsafeQueueUserWorkItem(static run => run(), continuation, preferLocal: false);
}
