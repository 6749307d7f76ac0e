using System.Text;
using CityActors.Runtime.Tests.Grains;
using CityActors.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Runtime.Tests;

public sealed class StateTests
{
    [Fact]
    public async Task State_survives_deactivation()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<IProfileGrain>("p");
        (await grain.Exists()).ShouldBeFalse();

        await grain.Rename("街道 A");
        await grain.Rename("Street B");
        var etag = await grain.Etag();
        await grain.Deactivate();

        (await grain.Read()).Tags.ShouldBe(["街道 A", "Street B"]);
        (await grain.Etag()).ShouldBe(etag);
        (await grain.Exists()).ShouldBeTrue();
    }

    [Fact]
    public async Task A_write_based_on_a_stale_etag_is_rejected()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<IProfileGrain>("contended");
        await grain.Rename("first");
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
        var id = new GrainId("profile", "contended");

        // Another writer commits on top of the version the grain holds.
        await storage.WriteAsync("profile", id, Encoding.UTF8.GetBytes("""{"name":"other"}"""), await grain.Etag(), default, CancellationToken.None);

        var error = await Should.ThrowAsync<InconsistentStateException>(() => grain.Rename("second"));
        error.Message.ShouldContain("ETag conflict on write of state 'profile' for grain profile/contended");
        (await storage.ReadAsync("profile", id, CancellationToken.None))!.Data.ShouldBe(Encoding.UTF8.GetBytes("""{"name":"other"}"""));
    }

    [Fact]
    public async Task Clearing_removes_the_record()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<IProfileGrain>("cleared");
        await grain.Rename("x");

        await grain.Clear();
        await grain.Deactivate();

        (await grain.Exists()).ShouldBeFalse();
        (await grain.Read()).Name.ShouldBe("");
    }
}
