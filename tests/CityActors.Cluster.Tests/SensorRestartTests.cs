using CityActors.Domain.Cases;
using CityActors.Domain.Sensors;
using CityActors.Domain.Vitals;
using CityActors.GrainInterfaces.Cases;
using CityActors.GrainInterfaces.Sensors;
using CityActors.GrainInterfaces.Vitals;
using Xunit.Abstractions;

namespace CityActors.Cluster.Tests;

/// <summary>
/// A sensor's silence is watched by a durable deadline in PostgreSQL: a sensor that stops reporting while its silo is
/// down turns offline once a silo runs again, with one case, and comes back online when it reports.
/// </summary>
public sealed class SensorRestartTests(ITestOutputHelper output)
{
    private const string SensorId = "restart-wl-1";
    private const string OfflineCase = "iot-restart-wl-1.offline.1";

    [Fact]
    public async Task A_sensor_silent_across_a_silo_kill_turns_offline_after_the_restart_and_online_again_when_it_reports()
    {
        await using var cluster = await SiloCluster.StartAsync(1);
        var silo = cluster.Silos.Single();
        string grid;
        DateTimeOffset lastReading;
        await using (var client = await cluster.ConnectAsync())
        {
            var registered = await client.Grains.GetGrain<ISensorGrain>(SensorId).Register(SensorCasePolicy.Platform, new SensorRegistration(
                SensorId,
                SensorKind.WaterLevel,
                -73.9855,
                40.7580,
                "nyc.1.dep",
                TimeSpan.FromSeconds(1),
                [new ThresholdRule("high", "NYC035", ThresholdDirection.Above, 0.3, 0.1, TimeSpan.Zero), new OfflineRule("offline", "NYC040", 3)]));
            grid = registered.Definition.GridCode;
            lastReading = DateTimeOffset.UtcNow;
            (await client.Grains.GetGrain<ISensorIngestGrain>(0).Ingest([new SensorReading(SensorId, lastReading, 0.05)])).ShouldBe([ReadingVerdict.Accepted]);
            (await client.Grains.GetGrain<IVitalsGrain>(grid).Get()).Sensors.ShouldBe(new SensorCounts(1, 1, 0, 0));
        }

        await silo.KillAsync();
        await Await.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow > lastReading + TimeSpan.FromSeconds(4)), TimeSpan.FromSeconds(10), "the sensor's offline time passed while no silo ran");
        var restartedAt = DateTimeOffset.UtcNow;
        silo = await cluster.RestartAsync(silo);
        await using (var client = await cluster.ConnectAsync(silo))
        {
            var cases = client.Grains.GetGrain<ICaseGrain>(OfflineCase);
            var sensor = client.Grains.GetGrain<ISensorGrain>(SensorId);
            await Await.UntilAsync(async () => (await sensor.Get()).Status == SensorStatus.Offline, TimeSpan.FromSeconds(60), "the missed offline deadline fired after the restart");
            var offline = await sensor.Get();
            output.WriteLine($"offline case opened {(DateTimeOffset.UtcNow - restartedAt).TotalSeconds:0.0} s after the restart began");
            offline.Status.ShouldBe(SensorStatus.Offline);
            offline.LastReadingAt.ShouldBe(lastReading);
            (await cases.Get()).Channel.ShouldBe(Channel.Sensor); // opened before the sensor's state turned offline
            (await client.Grains.GetGrain<IVitalsGrain>(grid).Get()).Sensors.ShouldBe(new SensorCounts(1, 0, 1, 0));

            (await client.Grains.GetGrain<ISensorIngestGrain>(0).Ingest([new SensorReading(SensorId, DateTimeOffset.UtcNow, 0.05)])).ShouldBe([ReadingVerdict.Accepted]);
            (await client.Grains.GetGrain<ISensorGrain>(SensorId).Get()).Status.ShouldBe(SensorStatus.Online);
            (await cases.GetHistory()).OfType<SensorRecovered>().ShouldHaveSingleItem();
            (await client.Grains.GetGrain<IVitalsGrain>(grid).Get()).Sensors.ShouldBe(new SensorCounts(1, 1, 0, 0));
        }
    }
}
