using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace CityActors.PostgreSql.Tests.Schema;

/// <summary>The reminder query rows of 002, driven through Orleans' own AdoNet reminder table.</summary>
public sealed class ReminderQueriesTests
{
    [Fact]
    public async Task A_reminder_reads_back_by_grain_and_by_name_and_a_rewrite_changes_its_etag()
    {
        var table = await CreateTableAsync(await ClusterDatabase.CreateMigratedAsync());
        var grain = GrainId.Create("probe", "a");
        var entry = Reminder(grain, "tick", TimeSpan.FromMinutes(3));

        var etag = await table.UpsertRow(entry);
        var byGrain = await table.ReadRows(grain);
        var byName = await table.ReadRow(grain, "tick");
        var rewritten = await table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromHours(30)));

        etag.ShouldNotBeNullOrEmpty();
        var read = byGrain.Reminders.ShouldHaveSingleItem();
        read.GrainId.ShouldBe(grain);
        read.ReminderName.ShouldBe("tick");
        read.StartAt.ShouldBe(entry.StartAt);
        read.Period.ShouldBe(TimeSpan.FromMinutes(3));
        read.ETag.ShouldBe(etag);
        byName.ShouldNotBeNull().ETag.ShouldBe(etag);
        rewritten.ShouldNotBe(etag);
        // A period beyond int milliseconds is sent as a long; it must survive too.
        (await table.ReadRow(grain, "tick")).ShouldNotBeNull().Period.ShouldBe(TimeSpan.FromHours(30));
        (await table.ReadRow(grain, "other")).ShouldBeNull();
    }

    [Fact]
    public async Task A_reminder_is_deleted_only_with_its_current_etag_and_a_new_one_never_reuses_it()
    {
        var table = await CreateTableAsync(await ClusterDatabase.CreateMigratedAsync());
        var grain = GrainId.Create("probe", "a");
        var first = await table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1)));
        var second = await table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1)));

        var withStaleEtag = await table.RemoveRow(grain, "tick", first!);
        var withCurrentEtag = await table.RemoveRow(grain, "tick", second!);
        var again = await table.RemoveRow(grain, "tick", second!);
        var recreated = await table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1)));

        withStaleEtag.ShouldBeFalse();
        withCurrentEtag.ShouldBeTrue();
        again.ShouldBeFalse();
        recreated.ShouldNotBe(first);
        recreated.ShouldNotBe(second);
    }

    [Fact]
    public async Task Hash_range_reads_return_exactly_the_reminders_in_the_range_including_ranges_that_wrap()
    {
        var table = await CreateTableAsync(await ClusterDatabase.CreateMigratedAsync());
        var grains = Enumerable.Range(0, 60).Select(i => GrainId.Create("probe", $"g{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1)));
        }

        // Plain, straddling the signed/unsigned boundary, wrapping past the top, and the whole ring.
        (uint Begin, uint End)[] ranges = [(0x1000_0000, 0x6000_0000), (0x7000_0000, 0x9800_0000), (0xC000_0000, 0x3000_0000), (0xE000_0000, 0x1000), (0x4242, 0x4242)];
        foreach (var (begin, end) in ranges)
        {
            var read = await table.ReadRows(begin, end);

            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).ToList();
            read.Reminders.Select(r => r.GrainId).ShouldBe(expected, ignoreOrder: true, $"range ({begin:x8}, {end:x8}]");
        }
    }

    [Fact]
    public async Task Clearing_deletes_the_reminders_of_this_service_only()
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync();
        var table = await CreateTableAsync(connectionString, "service-a");
        var other = await CreateTableAsync(connectionString, "service-b");
        var grain = GrainId.Create("probe", "a");
        await table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1)));
        await other.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1)));

        await table.TestOnlyClearTable();

        (await table.ReadRows(grain)).Reminders.ShouldBeEmpty();
        (await other.ReadRows(grain)).Reminders.ShouldHaveSingleItem();
    }

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Reminder(GrainId grain, string name, TimeSpan period) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = MembershipTableFactory.WholeMilliseconds(DateTime.UtcNow),
        Period = period,
    };

    private static async Task<IReminderTable> CreateTableAsync(string connectionString, string serviceId = "service")
    {
        var services = new ServiceCollection()
            .AddLogging()
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("cluster", serviceId))
            .UseAdoNetReminderService(options => options.Configure(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString)));
        var table = services.BuildServiceProvider().GetRequiredService<IReminderTable>();
        await table.StartAsync();
        return table;
    }
}
