using CityActors.Domain.Sensors;
using CityActors.Grains.Sensors;
using Microsoft.Extensions.DependencyInjection;
using static CityActors.Grains.Tests.CaseSilo;

namespace CityActors.Grains.Tests.Sensors;

public sealed class FleetTests
{
    [Fact]
    public async Task The_package_fleet_is_registered_at_start_and_the_simulation_feeds_each_sensor_at_its_interval()
    {
        await using var silo = await StartAsync(At(11, 16, 10));
        await silo.Services.GetRequiredService<FleetRegistration>().Registered;
        var fleet = Riverton.Value.Sensors.Fleet.Select(f => f.Id).ToList();
        fleet.ShouldBe(["rt-wl-1", "rt-wl-2", "rt-mh-1"], ignoreOrder: true);
        foreach (var id in fleet)
        {
            (await silo.Sensor(id).Get()).Status.ShouldBe(SensorStatus.Pending);
        }

        var simulation = silo.Services.GetRequiredService<FleetSimulation>();
        (await simulation.TickAsync()).ShouldBeLessThanOrEqualTo(3); // first readings are spread over one interval
        silo.Clock.Advance(TimeSpan.FromMinutes(10));
        await simulation.TickAsync();
        silo.Clock.Advance(TimeSpan.FromMinutes(5));
        (await simulation.TickAsync()).ShouldBe(2); // the two water-level sensors report every 5 minutes, the manhole every 10

        foreach (var id in fleet)
        {
            var sensor = await silo.Sensor(id).Get();
            sensor.Status.ShouldBe(SensorStatus.Online);
            double.IsFinite(sensor.LastValue!.Value).ShouldBeTrue();
        }
    }
}
