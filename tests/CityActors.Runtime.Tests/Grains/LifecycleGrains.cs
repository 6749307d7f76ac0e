using CityActors.Runtime.Tests.Support;

namespace CityActors.Runtime.Tests.Grains;

public interface IFragileGrain : IGrainWithStringKey
{
    Task<string> Hello();

    Task Retire();

    Task KeepAlive(TimeSpan duration);
}

/// <summary>Fails activation when its key starts with "bad"; counts activations per key.</summary>
[CollectionAge("00:10:00")]
public sealed class FragileGrain(TestProbe probe) : Grain, IFragileGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Increment($"activate:{GrainId.Key}");
        if (GrainId.Key.StartsWith("bad", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"cannot activate {GrainId.Key}");
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivate:{GrainId.Key}:{reason.Code}");
        probe.Signal($"deactivated:{GrainId.Key}:{probe.Count($"activate:{GrainId.Key}")}");
        return Task.CompletedTask;
    }

    public Task<string> Hello() => Task.FromResult($"hello from activation {probe.Count($"activate:{GrainId.Key}")}");

    public Task Retire()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task KeepAlive(TimeSpan duration)
    {
        DelayDeactivation(duration);
        return Task.CompletedTask;
    }
}

public interface ISlowStartGrain : IGrainWithStringKey
{
    Task<int> Value();
}

/// <summary>Activation waits on the gate "activate:{key}", so calls queue up behind it.</summary>
public sealed class SlowStartGrain(TestProbe probe) : Grain, ISlowStartGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Increment($"activate:{GrainId.Key}");
        probe.Signal($"activating:{GrainId.Key}");
        await probe.Gate($"activate:{GrainId.Key}");
    }

    public Task<int> Value() => Task.FromResult(probe.Count($"activate:{GrainId.Key}"));
}
