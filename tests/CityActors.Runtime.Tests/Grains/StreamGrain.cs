namespace CityActors.Runtime.Tests.Grains;

public sealed record Alarm(string Sensor, double Value);

public interface IAlarmListenerGrain : IGrainWithStringKey
{
    Task Listen(string streamKey);

    [ReadOnly]
    Task<IReadOnlyList<Alarm>> Heard();

    Task Deactivate();
}

public sealed class AlarmListenerGrain : Grain, IAlarmListenerGrain
{
    private readonly List<Alarm> _heard = [];

    public async Task Listen(string streamKey)
    {
        var stream = GetStreamProvider("Default").GetStream<Alarm>(new StreamId("alarms", streamKey));
        await stream.SubscribeAsync((alarm, _) =>
        {
            _heard.Add(alarm);
            return Task.CompletedTask;
        });
    }

    public Task<IReadOnlyList<Alarm>> Heard() => Task.FromResult<IReadOnlyList<Alarm>>([.. _heard]);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
