using CityActors.Runtime.Tests.Support;

namespace CityActors.Runtime.Tests.Grains;

/// <summary>Methods that record when they start and end and wait on named gates in between.</summary>
public interface ITurnGrain : IGrainWithStringKey
{
    Task Work(string name);

    [ReadOnly]
    Task Read(string name);

    [AlwaysInterleave]
    Task<int> Ping();

    Task Hang(CancellationToken cancellationToken);

    [ResponseTimeout("00:00:02")]
    Task HangBriefly();

    Task CallBack(string otherKey);

    Task Relay(string backKey);
}

public class TurnGrain(TestProbe probe) : Grain, ITurnGrain
{
    public async Task Work(string name)
    {
        probe.Record($"start:{name}");
        await probe.Gate(name);
        probe.Record($"end:{name}");
    }

    public Task Read(string name) => Work(name);

    public Task<int> Ping() => Task.FromResult(probe.Increment("ping"));

    public async Task Hang(CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource();
        await using (cancellationToken.Register(() => cancelled.TrySetResult()))
        {
            probe.Signal($"hanging:{GrainId.Key}");
            await cancelled.Task;
        }

        probe.Record($"cancelled:{GrainId.Key}");
        probe.Signal($"cancelled:{GrainId.Key}");
        cancellationToken.ThrowIfCancellationRequested();
    }

    public Task HangBriefly() => probe.Gate("never");

    // Calls a grain that calls back into this one: with non-reentrant grains this deadlocks until the deadline.
    public Task CallBack(string otherKey) => GrainFactory.GetGrain<ITurnGrain>(otherKey).Relay(GrainId.Key);

    public Task Relay(string backKey)
    {
        probe.Signal($"relaying:{GrainId.Key}");
        return GrainFactory.GetGrain<ITurnGrain>(backKey).Work("relay");
    }
}

public interface IReentrantTurnGrain : ITurnGrain
{
}

[Reentrant]
public sealed class ReentrantTurnGrain(TestProbe probe) : TurnGrain(probe), IReentrantTurnGrain
{
}
