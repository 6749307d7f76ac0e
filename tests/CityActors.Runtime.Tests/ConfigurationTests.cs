using CityActors.Runtime.Tests.Grains;
using CityActors.Runtime.Tests.Support;
using CityActors.Testing;
using Microsoft.Extensions.Options;

namespace CityActors.Runtime.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task Invalid_options_fail_the_start_naming_each_bad_setting()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => TestSilos.StartAsync(settings: new Dictionary<string, string?>
        {
            ["CityActors:Silo:ShardCount"] = "0",
            ["CityActors:Silo:DefaultCallTimeout"] = "-00:00:01",
        }));

        error.Message.ShouldContain("CityActors:Silo:ShardCount must be between 1 and 1048576 (was 0)");
        error.Message.ShouldContain("CityActors:Silo:DefaultCallTimeout must be a positive duration (was -00:00:01)");
    }

    [Fact]
    public async Task A_grain_that_needs_an_unregistered_storage_fails_the_start()
    {
        var error = await Should.ThrowAsync<GrainConfigurationException>(() => TestSilo.StartAsync(b => b.AddGrain<ArchiveGrain>()));

        error.Message.ShouldContain("uses grain storage 'archive', which is not registered");
    }

    [Fact]
    public async Task The_configured_storage_is_used()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;

        (await silo.Grains.GetGrain<IArchiveGrain>("a").Count()).ShouldBe(0);
    }

    [Fact]
    public async Task Grains_cannot_be_constructed_outside_the_runtime() =>
        Should.Throw<InvalidOperationException>(() => new FragileGrain(new TestProbe()))
            .Message.ShouldContain("created by the runtime");
}
