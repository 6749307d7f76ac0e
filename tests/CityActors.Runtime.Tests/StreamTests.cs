using CityActors.Runtime.Streams;
using CityActors.Runtime.Tests.Grains;
using CityActors.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Runtime.Tests;

public sealed class StreamTests
{
    [Fact]
    public async Task Grain_and_host_subscribers_receive_items_in_order()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var provider = silo.Services.GetRequiredKeyedService<IStreamProvider>("Default");
        var stream = provider.GetStream<Alarm>(new StreamId("alarms", "grid-1"));
        var hostHeard = new List<Alarm>();
        using var subscription = await stream.SubscribeAsync((alarm, _) =>
        {
            lock (hostHeard)
            {
                hostHeard.Add(alarm);
            }

            return Task.CompletedTask;
        });
        var listener = silo.Grains.GetGrain<IAlarmListenerGrain>("l1");
        await listener.Listen("grid-1");

        for (var i = 0; i < 20; i++)
        {
            await stream.OnNextAsync(new Alarm("s1", i));
        }

        (await listener.Heard()).Select(a => a.Value).ShouldBe(Enumerable.Range(0, 20).Select(i => (double)i));
        hostHeard.Count.ShouldBe(20);
    }

    [Fact]
    public async Task A_grain_subscription_ends_with_its_activation()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var provider = (MemoryStreamProvider)silo.Services.GetRequiredKeyedService<IStreamProvider>("Default");
        var id = new StreamId("alarms", "grid-2");
        var listener = silo.Grains.GetGrain<IAlarmListenerGrain>("l2");
        await listener.Listen("grid-2");
        await provider.GetStream<Alarm>(id).OnNextAsync(new Alarm("s", 1));
        provider.CountSubscribers<Alarm>(id).ShouldBe(1);

        await listener.Deactivate();
        (await listener.Heard()).ShouldBeEmpty();

        provider.CountSubscribers<Alarm>(id).ShouldBe(0);
    }

    [Fact]
    public async Task Disposing_a_subscription_stops_delivery()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var stream = silo.Services.GetRequiredKeyedService<IStreamProvider>("Default").GetStream<int>(new StreamId("n", "1"));
        var seen = 0;
        var subscription = await stream.SubscribeAsync((_, _) =>
        {
            seen++;
            return Task.CompletedTask;
        });

        await stream.OnNextAsync(1);
        subscription.Dispose();
        await stream.OnNextAsync(2);

        seen.ShouldBe(1);
        subscription.IsActive.ShouldBeFalse();
    }
}
