using CityActors.Deadlines;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;
using Npgsql;

namespace CityActors.LoadTests.Baselines;

/// <summary>
/// What the durable part of a case command costs without Orleans, batching or a decision: one journal row inserted
/// and one deadline row upserted, in one statement (one round trip, one transaction), into the cluster's own
/// grain_journal and deadline tables (same indexes, same feed trigger), from the same number of callers through a
/// bounded pool. The journal payloads are real case events read back from the run; the deadline is a day ahead so no
/// shard fires it. Rows go under their own grain type, which the case projection does not read.
/// </summary>
public static class RawCommandWriteBaseline
{
    public const string GrainType = "raw-command";

    // Six commands per "case", as in the lifecycle.
    private const int CommandsPerCase = 6;

    private const string Statement = """
        with appended as (
            insert into grain_journal (grain_type, grain_key, version, recorded_at, event_type, payload)
            values ($1, $2, $3, now(), $4, $5::jsonb))
        insert into deadline (grain_type, grain_key, name, shard, due)
        values ($1, $2, 'sla:raw', $6, $7)
        on conflict (grain_type, grain_key, name) do update set due = excluded.due
        """;

    /// <summary>Event types and payloads of up to <paramref name="count"/> journal rows of <paramref name="grainType"/>, to replay.</summary>
    public static async Task<IReadOnlyList<(string Type, string Payload)>> SampleEventsAsync(string connectionString, string grainType, int count)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("select event_type, payload::text from grain_journal where grain_type = $1 order by feed_seq limit $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainType });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        var events = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            events.Add((reader.GetString(0), reader.GetString(1)));
        }

        return events.Count > 0 ? events : throw new InvalidOperationException($"No journal rows of {grainType} to replay.");
    }

    public static async Task<LoadResult> RunAsync(string connectionString, IReadOnlyList<(string Type, string Payload)> events, int shardCount, int callers, TimeSpan warmup, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var dataSource = BenchmarkDatabase.BoundedPool(connectionString, BaselinePool.SizeFor(callers));
        var due = DateTimeOffset.UtcNow.AddDays(1);
        return await LoadRun.RunAsync(callers, warmup, duration, async (caller, n) =>
        {
            var key = FormattableString.Invariant($"{caller}-{n / CommandsPerCase}");
            var (type, payload) = events[(int)(n % events.Count)];
            await using var command = dataSource.CreateCommand(Statement);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainType });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (n % CommandsPerCase) + 1 });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = DeadlineSharding.ShardOf(GrainId.Create(GrainType, key), shardCount) });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = due });
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
