using CityActors.GrainInterfaces.Cases;
using CityActors.GrainInterfaces.Hosting;
using CityActors.GrainInterfaces.Vitals;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;

namespace CityActors.Grains.Tests;

public sealed class RememberedGrainInterfaceTypesTests
{
    [Fact]
    public async Task A_silo_answers_grain_interface_types_from_memory_as_orleans_works_them_out()
    {
        await using var silo = await CaseSilo.StartAsync(CaseSilo.At(11, 16, 10));
        var providers = silo.Services.GetServices<IGrainInterfaceTypeProvider>().ToList();
        var remembered = providers[0].ShouldBeOfType<RememberedGrainInterfaceTypes>();
        providers.OfType<RememberedGrainInterfaceTypes>().Count().ShouldBe(1);
        var resolver = silo.Services.GetRequiredService<GrainInterfaceTypeResolver>();

        foreach (var type in new[] { typeof(ICaseGrain), typeof(IVitalsGrain) })
        {
            remembered.TryGetGrainInterfaceType(type, out var fromMemory).ShouldBeTrue();
            fromMemory.ShouldBe(resolver.GetGrainInterfaceTypeByConvention(type));
            resolver.GetGrainInterfaceType(type).ShouldBe(fromMemory);
        }

        (await silo.Grains.GetGrain<IVitalsGrain>("rt").Get()).UnitCode.ShouldBe("rt");
    }
}
