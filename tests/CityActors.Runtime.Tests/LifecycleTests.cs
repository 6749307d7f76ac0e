using CityActors.Runtime.Tests.Grains;
using CityActors.Runtime.Tests.Support;

namespace CityActors.Runtime.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Concurrent_first_calls_create_exactly_one_activation()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => silo.Grains.GetGrain<ICounterGrain>("shared").Add(1))));

        probe.Count("activate:shared").ShouldBe(1);
        (await silo.Grains.GetGrain<ICounterGrain>("shared").Get()).ShouldBe(200);
    }

    [Fact]
    public async Task Calls_wait_for_activation_to_finish()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<ISlowStartGrain>("s");

        var calls = Enumerable.Range(0, 5).Select(_ => grain.Value()).ToList();
        calls.ShouldAllBe(c => !c.IsCompleted);
        probe.Signal("activate:s");

        (await Task.WhenAll(calls)).ShouldAllBe(v => v == 1);
    }

    [Fact]
    public async Task A_failed_activation_is_reported_to_its_callers_and_not_retried_on_its_own()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<IFragileGrain>("bad-1");

        var error = await Should.ThrowAsync<GrainActivationException>(() => grain.Hello());
        error.Message.ShouldContain("fragile/bad-1");
        error.Message.ShouldContain("cannot activate bad-1");
        error.InnerException.ShouldBeOfType<InvalidDataException>();
        probe.Count("activate:bad-1").ShouldBe(1);

        await Should.ThrowAsync<GrainActivationException>(() => grain.Hello());
        probe.Count("activate:bad-1").ShouldBe(2);
        silo.Status.ActivationCount.ShouldBe(0);
    }

    [Fact]
    public async Task An_activation_that_does_not_finish_in_time_fails_with_a_timeout()
    {
        var (silo, probe) = await TestSilos.StartAsync(settings: new Dictionary<string, string?>
        {
            ["CityActors:Silo:ActivationTimeout"] = "00:00:10",
            ["CityActors:Silo:DefaultCallTimeout"] = "00:01:00",
        });
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<ISlowStartGrain>("stuck");

        var call = grain.Value();
        await probe.WaitFor("activating:stuck");
        silo.Clock.Advance(TimeSpan.FromSeconds(10));

        (await Should.ThrowAsync<GrainActivationException>(() => call)).Message.ShouldContain("did not finish within 00:00:10");
    }

    [Fact]
    public async Task Idle_activations_are_collected_after_their_collection_age()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<IFragileGrain>("idle");
        (await grain.Hello()).ShouldBe("hello from activation 1");

        silo.Clock.Advance(TimeSpan.FromMinutes(9));
        await grain.Hello();
        silo.Clock.Advance(TimeSpan.FromMinutes(9));
        probe.Log.ShouldBeEmpty();

        silo.Clock.Advance(TimeSpan.FromMinutes(2));
        await probe.WaitFor("deactivated:idle:1");
        probe.Log.ShouldBe(["deactivate:idle:IdleTimeout"]);
        (await grain.Hello()).ShouldBe("hello from activation 2");
    }

    [Fact]
    public async Task Delay_deactivation_keeps_an_idle_grain_alive()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<IFragileGrain>("kept");
        await grain.KeepAlive(TimeSpan.FromMinutes(30));

        silo.Clock.Advance(TimeSpan.FromMinutes(25));
        await grain.Hello();
        probe.Log.ShouldBeEmpty();
    }

    [Fact]
    public async Task Deactivate_on_idle_ends_the_activation_after_the_current_call()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<IFragileGrain>("retiring");

        await grain.Retire();
        (await grain.Hello()).ShouldBe("hello from activation 2");
        probe.Log.ShouldBe(["deactivate:retiring:ApplicationRequested"]);
    }

    [Fact]
    public async Task Stopping_the_silo_deactivates_every_grain_and_refuses_new_calls()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        await silo.Grains.GetGrain<IFragileGrain>("x").Hello();
        await silo.Grains.GetGrain<IFragileGrain>("y").Hello();

        await silo.StopAsync();

        probe.Log.Order().ShouldBe(["deactivate:x:ShuttingDown", "deactivate:y:ShuttingDown"]);
        silo.Status.IsReady.ShouldBeFalse();
        (await Should.ThrowAsync<SiloUnavailableException>(() => silo.Grains.GetGrain<IFragileGrain>("z").Hello()))
            .Message.ShouldContain("shutting down");
    }
}
