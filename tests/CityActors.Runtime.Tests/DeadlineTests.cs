using CityActors.Runtime.Tests.Grains;
using CityActors.Runtime.Tests.Support;

namespace CityActors.Runtime.Tests;

public sealed class DeadlineTests
{
    [Fact]
    public async Task A_call_that_outlives_the_default_deadline_fails_with_a_timeout_and_cancels_the_grain()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<ITurnGrain>("slow");

        var call = grain.Hang(CancellationToken.None);
        await probe.WaitFor("hanging:slow");
        silo.Clock.Advance(TimeSpan.FromSeconds(29));
        call.IsCompleted.ShouldBeFalse();
        silo.Clock.Advance(TimeSpan.FromSeconds(1));

        var error = await Should.ThrowAsync<GrainCallTimeoutException>(() => call);
        error.Message.ShouldContain("ITurnGrain.Hang");
        error.Message.ShouldContain("turn/slow");
        error.Message.ShouldContain("00:00:30");
        await probe.WaitFor("cancelled:slow");
    }

    [Fact]
    public async Task Queued_calls_time_out_too_and_the_grain_stays_usable()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<ITurnGrain>("queue");

        var holder = grain.Work("hold");
        var queued = grain.Work("queued");
        await grain.Ping();
        silo.Clock.Advance(TimeSpan.FromSeconds(31));

        (await Should.ThrowAsync<GrainCallTimeoutException>(() => queued)).Message.ShouldContain("waited for the grain");
        await Should.ThrowAsync<GrainCallTimeoutException>(() => holder);
        probe.Signal("hold");
        probe.Signal("after");
        await grain.Work("after");
        probe.Log.ShouldNotContain("start:queued");
    }

    [Fact]
    public async Task Response_timeout_attribute_overrides_the_default()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<ITurnGrain>("brief");

        var call = grain.HangBriefly();
        await grain.Ping();
        silo.Clock.Advance(TimeSpan.FromSeconds(2));

        (await Should.ThrowAsync<GrainCallTimeoutException>(() => call)).Message.ShouldContain("00:00:02");
        probe.Signal("never");
    }

    [Fact]
    public async Task Configured_default_deadline_applies()
    {
        var (silo, probe) = await TestSilos.StartAsync(settings: new Dictionary<string, string?>
        {
            ["CityActors:Silo:DefaultCallTimeout"] = "00:00:05",
        });
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<ITurnGrain>("configured");

        var call = grain.Work("never");
        await grain.Ping();
        silo.Clock.Advance(TimeSpan.FromSeconds(5));

        (await Should.ThrowAsync<GrainCallTimeoutException>(() => call)).Message.ShouldContain("00:00:05");
        probe.Signal("never");
    }

    [Fact]
    public async Task Mutual_calls_between_non_reentrant_grains_end_at_the_deadline_instead_of_hanging()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var a = silo.Grains.GetGrain<ITurnGrain>("a");

        // a.CallBack("b") makes b call a.Work, but a is busy waiting for b.
        var call = a.CallBack("b");
        await probe.WaitFor("relaying:b");
        silo.Clock.Advance(TimeSpan.FromSeconds(30));

        await Should.ThrowAsync<GrainCallTimeoutException>(() => call);
    }

    [Fact]
    public async Task Caller_cancellation_completes_the_call_and_cancels_the_grain_method()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<ITurnGrain>("cancel");
        using var cancellation = new CancellationTokenSource();

        var call = grain.Hang(cancellation.Token);
        await probe.WaitFor("hanging:cancel");
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
        await probe.WaitFor("cancelled:cancel");
    }
}
