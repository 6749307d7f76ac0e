using CityActors.Runtime.Tests.Support;

namespace CityActors.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan dueTime, TimeSpan period, bool interleave);

    Task Stop();

    [ReadOnly]
    Task<IReadOnlyList<DateTimeOffset>> Ticks();

    Task Block(string gate);
}

public sealed class TimerGrain(TestProbe probe) : Grain, ITimerGrain
{
    private readonly List<DateTimeOffset> _ticks = [];
    private IGrainTimer? _timer;

    public Task Start(TimeSpan dueTime, TimeSpan period, bool interleave)
    {
        _timer = RegisterGrainTimer(
            static (self, _) => self.OnTick(),
            this,
            new GrainTimerCreationOptions(dueTime, period) { Interleave = interleave });
        return Task.CompletedTask;
    }

    public Task Stop()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DateTimeOffset>> Ticks() => Task.FromResult<IReadOnlyList<DateTimeOffset>>([.. _ticks]);

    public async Task Block(string gate)
    {
        probe.Record("block:start");
        await probe.Gate(gate);
        probe.Record("block:end");
    }

    private Task OnTick()
    {
        _ticks.Add(TimeProvider.GetUtcNow());
        probe.Record("tick");
        probe.Signal($"tick:{GrainId.Key}:{_ticks.Count}");
        return Task.CompletedTask;
    }
}
