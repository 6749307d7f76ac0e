using CityActors.PostgreSql.Tests.Schema;
using Orleans.Configuration;
using Orleans.Hosting;

namespace CityActors.PostgreSql.Tests.Clustering;

/// <summary>Orleans' own reminder service, through the AdoNet reminder provider, on our schema.</summary>
public sealed class OrleansRemindersTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_reminder_registers_into_the_table_reads_back_ticks_and_unregisters()
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync();
        await using var silo = await TestSilo.StartNewAsync(connectionString, "c1", "a", withReminders: true, configure: AllowShortPeriods);
        var key = $"probe-{Guid.NewGuid():N}";
        var grain = silo.GrainFactory.GetGrain<IReminderProbeGrain>(key);

        await grain.RegisterAsync("tick", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var names = await grain.GetNamesAsync();
        var rows = await RowsAsync(connectionString, key);
        await ReminderTicks.FirstTick(key, "tick", silo.Address).WaitAsync(Limit);
        await grain.UnregisterAsync("tick");

        names.ShouldBe(["tick"]);
        rows.ShouldBe(1);
        (await grain.GetNamesAsync()).ShouldBeEmpty();
        (await RowsAsync(connectionString, key)).ShouldBe(0);
    }

    [Fact]
    public async Task A_reminder_registered_before_a_restart_is_loaded_from_the_table_and_ticks_after_it()
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync();
        var key = $"probe-{Guid.NewGuid():N}";
        await using (var first = await TestSilo.StartNewAsync(connectionString, "c1", "first", withReminders: true, configure: AllowShortPeriods))
        {
            await first.GrainFactory.GetGrain<IReminderProbeGrain>(key).RegisterAsync("later", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1));
        }

        // Only the second silo's reading of the table can make it tick there.
        await using var second = await TestSilo.StartNewAsync(connectionString, "c1", "second", withReminders: true, configure: AllowShortPeriods);

        await ReminderTicks.FirstTick(key, "later", second.Address).WaitAsync(Limit);
        (await second.GrainFactory.GetGrain<IReminderProbeGrain>(key).GetNamesAsync()).ShouldBe(["later"]);
    }

    // Orleans' floor is one minute; tests tick every second.
    private static void AllowShortPeriods(ISiloBuilder silo) =>
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));

    private static Task<long> RowsAsync(string connectionString, string key) =>
        ClusterDatabase.ScalarAsync<long>(connectionString, $"select count(*) from orleans_reminder where grain_id like '%{key}'");
}
