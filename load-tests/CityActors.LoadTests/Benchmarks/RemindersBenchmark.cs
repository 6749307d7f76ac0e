using System.Diagnostics;
using CityActors.LoadTests.Measurement;
using CityActors.Testing;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// One million pending one-shot reminders (100,000 grains × 10) stored in the cluster database, due evenly over a
/// window, fired by one clustered silo: each tick is a grain call plus the fenced removal of the fired reminder.
/// Reports firings per second over the window and lateness p50/p99. Baseline: raw Npgsql single-row deletes by key
/// (the least a fired one-shot costs without batching) at 64-way concurrency on the same server.
/// </summary>
public static class RemindersBenchmark
{
    private const int Reminders = 1_000_000;
    private const int Grains = 100_000;

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        var window = settings.Duration;
        log.WriteLine($"reminders: {Reminders:N0} one-shot reminders on {Grains:N0} grains, due evenly over {window.TotalSeconds}s (needs {Reminders / window.TotalSeconds:N0}/s)");
        await using var cluster = await TestCluster.StartAsync(1, silo => silo.AddGrain<AlarmBenchGrain>(), new Dictionary<string, string?>
        {
            ["CityActors:Silo:ShardCount"] = "1024",
            ["CityActors:Cluster:ReminderLookAhead"] = "00:00:20",
        }).ConfigureAwait(false);
        await cluster.WaitForStableAsync().ConfigureAwait(false);
        var grainType = ((IAddressable)cluster.Silos[0].Grains.GetGrain<IAlarmBenchGrain>(0)).GetGrainId().Type;

        // Due times start after the silo's current look-ahead window, so the moving window loads them.
        var firstDue = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        var loading = Stopwatch.StartNew();
        await InsertAsync(cluster.ConnectionString, grainType, cluster.ShardCount, firstDue, window).ConfigureAwait(false);
        log.WriteLine($"  inserted {Reminders:N0} reminders in {loading.Elapsed.TotalSeconds:N1}s; first due in {(firstDue - DateTimeOffset.UtcNow).TotalSeconds:N1}s");

        var deadline = firstDue + window + TimeSpan.FromSeconds(120);
        while (AlarmBenchGrain.Fired < Reminders && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(500).ConfigureAwait(false);
        }

        var fired = AlarmBenchGrain.Fired;
        var span = AlarmBenchGrain.LastFiredAt - firstDue;
        var rate = fired / Math.Max(span.TotalSeconds, window.TotalSeconds);
        var lateness = AlarmBenchGrain.Lateness();
        log.WriteLine($"  fired {fired:N0} in {span.TotalSeconds:N1}s from the first due time: {rate:N0}/s; lateness p50 {lateness.Percentile(50) / 1e6:N1} ms, p99 {lateness.Percentile(99) / 1e6:N1} ms");
        long left;
        await using (var count = NpgsqlDataSource.Create(cluster.ConnectionString))
        {
            await using var command = count.CreateCommand("select count(*) from reminder");
            left = (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
        }

        log.WriteLine($"  reminders left in the table: {left:N0}");
        var baseline = await RawDeletesAsync(cluster.ConnectionString, settings).ConfigureAwait(false);
        log.WriteLine($"  baseline (raw single-row deletes, 64 callers): {baseline.OpsPerSecond:N0}/s");
        return new BenchmarkReport("reminders", rate, baseline.OpsPerSecond, lateness.Percentile(50) / 1000.0, lateness.Percentile(99) / 1000.0);
    }

    private static async Task InsertAsync(string connectionString, string grainType, int shardCount, DateTimeOffset firstDue, TimeSpan window)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var import = await connection.BeginBinaryImportAsync(
            "copy reminder (grain_type, grain_key, name, shard, first_tick, period_us, next_due, version) from stdin (format binary)").ConfigureAwait(false);
        for (var i = 0; i < Reminders; i++)
        {
            var key = (i % Grains).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var due = firstDue + (window * i / Reminders);
            due = new DateTimeOffset(due.Ticks - (due.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
            await import.StartRowAsync().ConfigureAwait(false);
            await import.WriteAsync(grainType, NpgsqlDbType.Text).ConfigureAwait(false);
            await import.WriteAsync(key, NpgsqlDbType.Text).ConfigureAwait(false);
            await import.WriteAsync($"r{i / Grains}", NpgsqlDbType.Text).ConfigureAwait(false);
            await import.WriteAsync(new GrainId(grainType, key).GetShard(shardCount), NpgsqlDbType.Integer).ConfigureAwait(false);
            await import.WriteAsync(due, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
            await import.WriteAsync(0L, NpgsqlDbType.Bigint).ConfigureAwait(false);
            await import.WriteAsync(due, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
            await import.WriteAsync(1L, NpgsqlDbType.Bigint).ConfigureAwait(false);
        }

        await import.CompleteAsync().ConfigureAwait(false);
    }

    private static async Task<LoadResult> RawDeletesAsync(string connectionString, BenchmarkSettings settings)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 80 };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using (var create = dataSource.CreateCommand("create table raw_reminder as select g as id, now() as due from generate_series(0, 999999) g; alter table raw_reminder add primary key (id)"))
        {
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        long next = -1;
        return await LoadRun.RunAsync(64, settings.Warmup, TimeSpan.FromSeconds(5), async (_, _) =>
        {
            await using var command = dataSource.CreateCommand("delete from raw_reminder where id = $1");
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Interlocked.Increment(ref next) % Reminders });
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}

public interface IAlarmBenchGrain : IGrainWithIntegerKey
{
    Task Touch();
}

/// <summary>Counts ticks and records their lateness, process-wide.</summary>
public sealed class AlarmBenchGrain : Grain, IAlarmBenchGrain, IRemindable
{
    private static readonly object Gate = new();
    private static readonly LatencyHistogram LatenessHistogram = new();
    private static long _fired;
    private static long _lastFiredTicks;

    public static long Fired => Interlocked.Read(ref _fired);

    public static DateTimeOffset LastFiredAt => new(Interlocked.Read(ref _lastFiredTicks), TimeSpan.Zero);

    public static LatencyHistogram Lateness()
    {
        lock (Gate)
        {
            var copy = new LatencyHistogram();
            copy.Add(LatenessHistogram);
            return copy;
        }
    }

    public Task Touch() => Task.CompletedTask;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        lock (Gate)
        {
            LatenessHistogram.Record((long)status.Lateness.TotalNanoseconds);
        }

        Interlocked.Increment(ref _fired);
        Interlocked.Exchange(ref _lastFiredTicks, DateTimeOffset.UtcNow.UtcTicks);
        return Task.CompletedTask;
    }
}
