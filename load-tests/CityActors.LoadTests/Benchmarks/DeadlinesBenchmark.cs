using CityActors.Deadlines;
using CityActors.LoadTests.Grains;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;
using CityActors.LoadTests.Setup;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// One million pending one-shot deadlines fired through the real deadline shard grains of a clustered silo on
/// PostgreSQL, with the product's default deadline settings. With the silo and its shards running, the rows are
/// bulk-loaded into the deadline table for setup speed, due evenly over a window that starts one refresh interval
/// (plus margin) later; the shards' window refreshes load them, and the shards deliver each to its grain (100,000
/// grains) and delete them. Measured: firings per second and lateness (arrival at the grain − due).
/// Then registration through grains (<c>IDeadlines.SetAsync</c>) of as many deadlines as there are baseline reminders.
/// </summary>
/// <remarks>
/// Baseline, same silo and database: Orleans' stock reminders (AdoNet, our schema): registration of R reminders
/// (R = the deadlines' due rate × 1 s) and their ticks at period 1 s, so the offered tick rate equals the deadlines'
/// due rate. Stock reminders refuse periods under one minute by default; the benchmark lowers
/// <see cref="ReminderOptions.MinimumReminderPeriod"/> to 1 s for this.
/// </remarks>
public static class DeadlinesBenchmark
{
    public const int DefaultPending = 1_000_000;
    public const int DefaultGrains = 100_000;
    public const int DefaultWindowSeconds = 40;

    private const int RegistrationConcurrency = 64;
    private static readonly TimeSpan LeadBeyondRefresh = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReminderTickWindow = TimeSpan.FromSeconds(20);

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var pending = settings.Pending ?? DefaultPending;
        var numbering = new DeadlineNumbering(pending, Math.Min(settings.Grains ?? DefaultGrains, pending));
        var window = settings.DurationOr(DefaultWindowSeconds);
        var dueRate = pending / window.TotalSeconds;
        var reminders = settings.Reminders ?? (int)Math.Max(1, Math.Round(dueRate * ReminderPeriod.TotalSeconds));
        var options = new DeadlineOptions();
        var shardCount = options.ShardCount;
        log.WriteLine($"deadlines: {pending:N0} pending one-shot deadlines on {numbering.Grains:N0} grains, due evenly over {window.TotalSeconds:N0}s ({dueRate:N0}/s), "
            + $"{shardCount} shards, default deadline settings; baseline {reminders:N0} stock reminders ticking every {ReminderPeriod.TotalSeconds:N0}s "
            + $"(ReminderOptions.MinimumReminderPeriod lowered from 1 min to {ReminderPeriod.TotalSeconds:N0}s for this)");
        _ = DemoCity.Nyc;

        await using var database = await BenchmarkDatabase.StartAsync().ConfigureAwait(false);
        var cluster = await database.CreateAsync("deadlines").ConfigureAwait(false);
        using var firings = new FiringLog(pending);
        using var ticks = new ReminderTickLog();
        await using var silo = await BenchmarkSilo.StartAsync(cluster, s =>
        {
            s.Services.AddSingleton(firings);
            s.Services.AddSingleton(ticks);
            s.Services.AddSingleton(numbering);
            s.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = ReminderPeriod);
        }).ConfigureAwait(false);
        var shards = Enumerable.Range(0, shardCount).Select(i => silo.Grains.GetGrain<IDeadlineShardGrain>(i)).ToList();
        await Task.WhenAll(shards.Select(s => s.GetStatus())).ConfigureAwait(false);

        // The rows arrive while the silo runs, as pending deadlines of a live cluster do; each shard's periodic window
        // refresh finds them, so the first is due one refresh interval (plus margin) after the insert.
        var lead = options.RefreshInterval + LeadBeyondRefresh;
        var loading = DateTimeOffset.UtcNow;
        var firstDue = await PendingDeadlineLoader.LoadAsync(cluster, numbering, shardCount, window, lead).ConfigureAwait(false);
        log.WriteLine($"  silo up with {shardCount} shards active; loaded {pending:N0} rows into the deadline table in {(DateTimeOffset.UtcNow - loading).TotalSeconds:N1}s, "
            + $"first due in {(firstDue - DateTimeOffset.UtcNow).TotalSeconds:N1}s");
        await Task.Delay(firstDue - DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        var inMemory = (await Task.WhenAll(shards.Select(s => s.GetStatus())).ConfigureAwait(false)).Sum(s => (long)s.Pending);
        log.WriteLine($"  a second before the first due instant the shards hold {inMemory:N0} deadlines in memory");

        var giveUp = firstDue + window + DrainLimit;
        while (firings.Distinct < pending && DateTimeOffset.UtcNow < giveUp)
        {
            await Task.Delay(250).ConfigureAwait(false);
        }

        var left = await PendingDeadlineLoader.CountLeftAsync(cluster).ConfigureAwait(false);
        var span = firings.LastArrival - firstDue;
        var fireRate = firings.Distinct / Math.Max(span.TotalSeconds, window.TotalSeconds);
        var lateness = firings.Lateness().Summary();
        log.WriteLine($"  delivered {firings.Distinct:N0} of {pending:N0} ({firings.Duplicates:N0} repeated) by {span.TotalSeconds:N1}s after the first due instant: {fireRate:N0} firings/s");
        log.WriteLine($"  lateness {lateness.InMilliseconds()}; rows left in the table at that point: {left:N0}");
        var quarters = firings.LatenessByQuarter();
        for (var q = 0; q < quarters.Count; q++)
        {
            log.WriteLine($"    due in quarter {q + 1} of the window: lateness {quarters[q].Summary().InMilliseconds()}");
        }


        // Registration through grains, for the same number of deadlines as the baseline registers reminders.
        var setDue = DateTimeOffset.UtcNow.AddDays(1);
        var sets = await FixedCountRun.RunAsync(reminders, RegistrationConcurrency, i =>
            silo.Grains.GetGrain<IDeadlineBenchGrain>(numbering.GrainKeyOf(i)).Set($"reg{i}", setDue)).ConfigureAwait(false);
        log.WriteLine($"  IDeadlines.SetAsync through grains, {reminders:N0} at {RegistrationConcurrency} concurrent: {sets.Describe("sets", milliseconds: true)}");

        // Baseline: stock reminders, registered the same way, then ticking at the deadlines' due rate.
        var registrations = await FixedCountRun.RunAsync(reminders, RegistrationConcurrency, i =>
            silo.Grains.GetGrain<IReminderBenchGrain>($"r{i}").Start(TimeSpan.FromSeconds(2), ReminderPeriod)).ConfigureAwait(false);
        log.WriteLine($"  stock reminder registrations, {reminders:N0} at {RegistrationConcurrency} concurrent: {registrations.Describe("registrations", milliseconds: true)}");
        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        ticks.Measuring = true;
        await Task.Delay(ReminderTickWindow).ConfigureAwait(false);
        ticks.Measuring = false;
        var tickRate = ticks.Ticks / ReminderTickWindow.TotalSeconds;
        var tickLateness = ticks.Lateness().Summary();
        log.WriteLine($"  stock reminder ticks over {ReminderTickWindow.TotalSeconds:N0}s: {tickRate:N0}/s of {reminders / ReminderPeriod.TotalSeconds:N0}/s offered; lateness {tickLateness.InMilliseconds()}");
        log.WriteLine($"  ratio deadline firings / stock reminder ticks: {fireRate / tickRate:N2}");

        return new BenchmarkReport("deadlines", fireRate, tickRate, lateness.P50Microseconds, lateness.P99Microseconds)
        {
            MaxMicroseconds = lateness.MaxMicroseconds,
            Extra =
            [
                new("pending", pending),
                new("due_per_s", Math.Round(dueRate)),
                new("delivered", firings.Distinct),
                new("repeated", firings.Duplicates),
                new("rows_left_at_last_delivery", left),
                new("held_in_memory_before_first_due", inMemory),
                new("last_quarter_p99_us", quarters[^1].Summary().P99Microseconds),
                new("set_per_s", Math.Round(sets.OpsPerSecond)),
                new("reminders", reminders),
                new("reminder_register_per_s", Math.Round(registrations.OpsPerSecond)),
                new("reminder_tick_p50_us", tickLateness.P50Microseconds),
                new("reminder_tick_p99_us", tickLateness.P99Microseconds),
                new("failures", sets.Failures + registrations.Failures),
            ],
        };
    }
}
