namespace CityActors.Deadlines.Tests.Cluster;

/// <summary>A one-silo cluster shared by the tests of <see cref="DeadlineDeliveryTests"/>; each test uses its own probe grains and starts from the clock's current instant.</summary>
public sealed class DeliveryClusterFixture : IAsyncLifetime
{
    public DeadlineCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await DeadlineCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class DeadlineDeliveryTests(DeliveryClusterFixture fixture) : IClassFixture<DeliveryClusterFixture>
{
    private readonly DeadlineCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_deadline_fires_at_its_instant_and_not_before()
    {
        var due = _cluster.Now.AddSeconds(5);
        await _cluster.Probe("at-instant").Set("sla", due);
        await _cluster.SettleAsync();

        _cluster.AdvanceTo(due.AddTicks(-TimeSpan.TicksPerMicrosecond));
        var status = await _cluster.ShardOf("at-instant").GetStatus();
        status.InFlight.ShouldBe(0);
        _cluster.Log.Of(_cluster.ProbeId("at-instant")).ShouldBeEmpty();

        _cluster.AdvanceTo(due);
        var delivery = await _cluster.Log.WaitForAsync(_cluster.ProbeId("at-instant"), "sla");

        delivery.Fired.Due.ShouldBe(due);
        delivery.Fired.FiredAt.ShouldBe(due);
        delivery.Fired.Lateness.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task A_grain_is_woken_once_ahead_of_its_deadlines_and_they_still_fire_at_their_instants()
    {
        var probe = _cluster.Probe("woken");
        var first = _cluster.Now.AddSeconds(50);
        var second = first.AddSeconds(5);
        await probe.Set("first", first);
        await probe.Set("second", second);
        await _cluster.SettleAsync();

        var warmAhead = new DeadlineOptions().WarmAhead;
        _cluster.AdvanceTo(first - warmAhead - TimeSpan.FromMilliseconds(1));
        await _cluster.FlushShardsAsync();
        _cluster.Log.WakesOf(_cluster.ProbeId("woken")).ShouldBe(0);

        _cluster.AdvanceTo(first - warmAhead);
        await _cluster.Log.WaitForWakeAsync(_cluster.ProbeId("woken"));
        await _cluster.FlushShardsAsync();
        _cluster.AdvanceTo(first);
        await _cluster.Log.WaitForAsync(_cluster.ProbeId("woken"), "first");
        await _cluster.FlushShardsAsync();
        _cluster.AdvanceTo(second);
        await _cluster.Log.WaitForAsync(_cluster.ProbeId("woken"), "second");
        await _cluster.FlushShardsAsync();

        _cluster.Log.WakesOf(_cluster.ProbeId("woken")).ShouldBe(1, "the second deadline is within the span of the first wake-up");
        _cluster.Log.Of(_cluster.ProbeId("woken")).Select(d => (d.Fired.Name, d.Fired.FiredAt)).ShouldBe([("first", first), ("second", second)]);
    }

    [Fact]
    public async Task Moving_a_deadline_reschedules_it_later_or_earlier()
    {
        var probe = _cluster.Probe("moved");
        var first = _cluster.Now.AddSeconds(5);
        var later = _cluster.Now.AddSeconds(8);
        var farOff = _cluster.Now.AddSeconds(40);
        var earlier = _cluster.Now.AddSeconds(2);
        await probe.Set("later", first);
        await probe.Set("earlier", farOff);
        await _cluster.SettleAsync();
        await probe.Set("later", later);
        await probe.Set("earlier", earlier);
        await _cluster.SettleAsync();

        _cluster.AdvanceTo(earlier);
        (await _cluster.Log.WaitForAsync(_cluster.ProbeId("moved"), "earlier")).Fired.FiredAt.ShouldBe(earlier);
        await _cluster.FlushShardsAsync();
        _cluster.AdvanceTo(first);
        await _cluster.FlushShardsAsync();
        _cluster.AdvanceTo(later);
        var moved = await _cluster.Log.WaitForAsync(_cluster.ProbeId("moved"), "later");
        _cluster.AdvanceTo(farOff);
        await _cluster.FlushShardsAsync();

        moved.Fired.Due.ShouldBe(later);
        moved.Fired.FiredAt.ShouldBe(later);
        _cluster.Log.Of(_cluster.ProbeId("moved")).Select(d => (d.Fired.Name, d.Fired.Due)).ShouldBe([("earlier", earlier), ("later", later)]);
    }

    [Fact]
    public async Task A_cancelled_deadline_never_fires()
    {
        var probe = _cluster.Probe("cancelled");
        var due = _cluster.Now.AddSeconds(5);
        await probe.Set("sla", due);
        await _cluster.SettleAsync();
        await probe.Cancel("sla");
        await _cluster.SettleAsync();

        _cluster.AdvanceTo(due.AddSeconds(30));
        var status = await _cluster.ShardOf("cancelled").GetStatus();

        status.InFlight.ShouldBe(0);
        _cluster.Log.Of(_cluster.ProbeId("cancelled")).ShouldBeEmpty();
        (await probe.Get()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_deadline_far_beyond_the_look_ahead_fires_on_time_after_window_refreshes()
    {
        var probe = _cluster.Probe("far");
        var due = _cluster.Now.AddMinutes(10).AddMilliseconds(250);
        await probe.Set("sla", due);
        await _cluster.SettleAsync();
        var shard = _cluster.ShardOf("far");
        (await shard.GetStatus()).LoadedUntil.ShouldBeLessThan(due);

        // Step the clock one refresh interval at a time; each status call waits for that refresh.
        while (_cluster.Now.AddSeconds(20) < due)
        {
            _cluster.AdvanceTo(_cluster.Now.AddSeconds(20));
            await shard.GetStatus();
        }

        (await shard.GetStatus()).LoadedUntil.ShouldBeGreaterThan(due);
        _cluster.Log.Of(_cluster.ProbeId("far")).ShouldBeEmpty();
        _cluster.AdvanceTo(due);
        var delivery = await _cluster.Log.WaitForAsync(_cluster.ProbeId("far"), "sla");

        delivery.Fired.FiredAt.ShouldBe(due);
        await _cluster.FlushShardsAsync();
        (await probe.Get()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_backoff_until_accepted()
    {
        var probe = _cluster.Probe("flaky");
        await probe.FailNextDeliveries(2);
        var due = _cluster.Now.AddSeconds(5);
        await probe.Set("sla", due);
        await _cluster.SettleAsync();

        _cluster.AdvanceTo(due);
        await _cluster.FlushShardsAsync();
        _cluster.AdvanceTo(due.AddSeconds(1));
        await _cluster.FlushShardsAsync();
        _cluster.Log.Of(_cluster.ProbeId("flaky")).ShouldBeEmpty();
        _cluster.AdvanceTo(due.AddSeconds(3));
        var delivery = await _cluster.Log.WaitForAsync(_cluster.ProbeId("flaky"), "sla");

        delivery.Fired.Due.ShouldBe(due);
        delivery.Fired.Lateness.ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_grain_reads_its_pending_deadlines_and_a_fired_one_is_gone()
    {
        var probe = _cluster.Probe("reader");
        var soon = _cluster.Now.AddSeconds(1);
        var later = _cluster.Now.AddDays(2);
        await probe.SetMany([new("soon", soon), new("later", later)]);

        (await probe.Get()).ShouldBe(new Dictionary<string, DateTimeOffset> { ["soon"] = soon, ["later"] = later }, ignoreOrder: true);

        await _cluster.SettleAsync();
        _cluster.AdvanceTo(soon);
        await _cluster.Log.WaitForAsync(_cluster.ProbeId("reader"), "soon");
        await _cluster.FlushShardsAsync();
        (await probe.Get()).Keys.ShouldBe(["later"]);
        await probe.Cancel("later");
    }
}
