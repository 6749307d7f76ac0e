using CityActors.Runtime.Tests.Grains;
using CityActors.Runtime.Tests.Support;

namespace CityActors.Runtime.Tests;

public sealed class CallTests
{
    [Fact]
    public async Task Calls_reach_the_grain_and_keep_its_state()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var counter = silo.Grains.GetGrain<ICounterGrain>("a");

        (await counter.Add(2)).ShouldBe(2);
        (await counter.Add(3)).ShouldBe(5);
        (await counter.Get()).ShouldBe(5);
        (await counter.Echo("你好")).ShouldBe("你好");
        await counter.Touch();
        (await counter.Identity()).ShouldBe("counter/a|a");
    }

    [Fact]
    public async Task Integer_and_guid_keys_round_trip()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var guid = Guid.NewGuid();

        (await silo.Grains.GetGrain<INumberedGrain>(-42).Key()).ShouldBe(-42);
        (await silo.Grains.GetGrain<IGuidGrain>(guid).Key()).ShouldBe(guid);
    }

    [Fact]
    public async Task Grains_call_other_grains()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;

        (await silo.Grains.GetGrain<ICounterGrain>("caller").AddTo("callee", 7)).ShouldBe(7);
        (await silo.Grains.GetGrain<ICounterGrain>("callee").Get()).ShouldBe(7);
    }

    [Fact]
    public async Task Exceptions_reach_the_caller_with_type_and_message()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var counter = silo.Grains.GetGrain<ICounterGrain>("thrower");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => counter.Fail("case 42 is closed"));

        error.Message.ShouldBe("case 42 is closed");
        (await counter.Add(1)).ShouldBe(1);
    }

    [Fact]
    public async Task Many_callers_over_many_grains_lose_no_update()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        const int Grains = 50;
        const int Callers = 40;
        const int CallsPerCaller = 250;

        await Task.WhenAll(Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < CallsPerCaller; i++)
            {
                await silo.Grains.GetGrain<ICounterGrain>($"g{(c + i) % Grains}").Add(1);
            }
        })));

        var total = 0;
        for (var g = 0; g < Grains; g++)
        {
            total += await silo.Grains.GetGrain<ICounterGrain>($"g{g}").Get();
        }

        total.ShouldBe(Callers * CallsPerCaller);
    }

    [Fact]
    public async Task A_grain_type_the_silo_does_not_host_gives_a_clear_error()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var stranger = silo.Grains.GetGrain<ICounterGrain>(new GrainId("unknown-type", "x"));

        var error = await Should.ThrowAsync<GrainConfigurationException>(() => stranger.Get());

        error.Message.ShouldContain("No grain class for grain type 'unknown-type'");
        error.Message.ShouldContain("ICounterGrain.Get");
    }
}
