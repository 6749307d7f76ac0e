using CityActors.Runtime.Tests.Support;

namespace CityActors.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int delta);

    [ReadOnly]
    Task<int> Get();

    ValueTask<string> Echo(string text);

    ValueTask Touch();

    Task<int> AddTo(string otherKey, int delta);

    Task Fail(string message);

    Task<string> Identity();
}

public sealed class CounterGrain(TestProbe probe) : Grain, ICounterGrain
{
    private int _value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Increment($"activate:{GrainId.Key}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivate:{GrainId.Key}:{reason.Code}");
        probe.Signal($"deactivated:{GrainId.Key}");
        return Task.CompletedTask;
    }

    public Task<int> Add(int delta) => Task.FromResult(_value += delta);

    public Task<int> Get() => Task.FromResult(_value);

    public ValueTask<string> Echo(string text) => ValueTask.FromResult(text);

    public ValueTask Touch() => ValueTask.CompletedTask;

    public Task<int> AddTo(string otherKey, int delta) => GrainFactory.GetGrain<ICounterGrain>(otherKey).Add(delta);

    public Task Fail(string message) => throw new InvalidOperationException(message);

    public Task<string> Identity() => Task.FromResult($"{GrainId}|{this.GetPrimaryKeyString()}");
}

[GrainType("numbered")]
public interface INumberedGrain : IGrainWithIntegerKey
{
    Task<long> Key();
}

public sealed class NumberedGrain : Grain, INumberedGrain
{
    public Task<long> Key() => Task.FromResult(this.GetPrimaryKeyLong());
}

public interface IGuidGrain : IGrainWithGuidKey
{
    Task<Guid> Key();
}

public sealed class GuidGrain : Grain, IGuidGrain
{
    public Task<Guid> Key() => Task.FromResult(this.GetPrimaryKey());
}
