using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Storage;

/// <summary>
/// Grain journals as rows (grain, version) with jsonb payloads. An append inserts the whole batch in one statement
/// that checks the shard lease and the journal's current version; the primary key turns a racing append at the same
/// version into a conflict instead of a fork. The feed reads rows in (writing transaction, sequence) order, only below the
/// oldest running transaction's id, so it never hands out a row before one that is still to commit and sorts earlier.
/// </summary>
public sealed class PostgresJournalStorage : IJournalStorage, IJournalFeed, IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _time;
    private readonly JournalAppendBatcher _appends;

    public PostgresJournalStorage(PostgresDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        _appends = new JournalAppendBatcher(database, AppendAloneAsync, Math.Max(4, Environment.ProcessorCount * 2));
    }

    private const string FeedSql = """
        select feed_tx::text::bigint, feed_seq, grain_key, version, recorded_at, event_type, payload::text
        from grain_journal
        where grain_type = $1
          and (feed_tx, feed_seq) > ($2::text::xid8, $3)
          and feed_tx < pg_snapshot_xmin(pg_current_snapshot())
        order by feed_tx, feed_seq
        limit $4
        """;

    private const string AppendSql = $"""
        with {PostgresDatabase.FenceCte},
        head as (select coalesce(max(version), 0) as version from grain_journal where grain_type = $3 and grain_key = $4),
        appended as (
            insert into grain_journal (grain_type, grain_key, version, shard, recorded_at, event_type, payload)
            select $3, $4, e.version, $1, e.recorded_at, e.event_type, e.payload::jsonb
            from unnest($6::bigint[], $7::timestamptz[], $8::text[], $9::text[]) as e(version, recorded_at, event_type, payload)
            where exists (select 1 from fence) and (select version from head) = $5
            returning 1)
        select (select count(*) from fence), (select count(*) from appended), (select version from head)
        """;

    private const string SnapshotSql = $"""
        with {PostgresDatabase.FenceCte},
        written as (
            insert into grain_snapshot as s (grain_type, grain_key, shard, version, state)
            select $3, $4, $1, $5, $6 where exists (select 1 from fence)
            on conflict (grain_type, grain_key) do update set version = excluded.version, state = excluded.state
                where s.version < excluded.version
            returning 1)
        select (select count(*) from fence)
        """;

    public async Task<IReadOnlyList<JournalRecord>> ReadAsync(GrainId grainId, long afterVersion, CancellationToken cancellationToken)
    {
        await using var command = _database.Command(
            "select version, recorded_at, event_type, payload::text from grain_journal where grain_type = $1 and grain_key = $2 and version > $3 order by version");
        PostgresDatabase.Add(command, grainId.Type, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, grainId.Key, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, afterVersion, NpgsqlDbType.Bigint);
        var records = new List<JournalRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new JournalRecord(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                Encoding.UTF8.GetBytes(reader.GetString(3))));
        }

        return records;
    }

    public async Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalRecord> records, FencingToken fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Version != expectedVersion + i + 1)
            {
                throw new ArgumentException(
                    $"Journal records must be numbered {expectedVersion + 1}..{expectedVersion + records.Count}; record {i} has version {records[i].Version}.", nameof(records));
            }
        }

        await _appends.AppendAsync(grainId, expectedVersion, records, fence).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _appends.DisposeAsync();

    /// <summary>One append in its own statement: the fallback when a batch met a conflicting writer.</summary>
    private async Task AppendAloneAsync(JournalAppendBatcher.Append append)
    {
        var (grainId, expectedVersion, records, fence) = (append.GrainId, append.Expected, append.Records, append.Fence);
        await using var command = _database.Command(AppendSql, fence);
        PostgresDatabase.Add(command, grainId.Type, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, grainId.Key, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, expectedVersion, NpgsqlDbType.Bigint);
        PostgresDatabase.Add(command, records.Select(r => r.Version).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        PostgresDatabase.Add(command, records.Select(r => r.Timestamp.ToUniversalTime()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
        PostgresDatabase.Add(command, records.Select(r => r.EventType).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        PostgresDatabase.Add(command, records.Select(r => Encoding.UTF8.GetString(r.Payload)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        try
        {
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            await reader.ReadAsync().ConfigureAwait(false);
            if (reader.GetInt64(0) == 0)
            {
                append.Done.TrySetException(PostgresDatabase.Fenced(fence, $"Appending {records.Count} event(s) to the journal of grain {grainId}"));
            }
            else if (reader.GetInt64(1) != records.Count)
            {
                append.Done.TrySetException(new InconsistentStateException(
                    $"Journal of grain {grainId} is at version {reader.GetInt64(2)}; the append expected version {expectedVersion}."));
            }
            else
            {
                append.Done.TrySetResult();
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            append.Done.TrySetException(new InconsistentStateException(
                $"Journal of grain {grainId} was appended to concurrently; the append expected version {expectedVersion}."));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            append.Done.TrySetException(ex);
        }
    }

    public async Task<IReadOnlyList<FeedRecord>> ReadAsync(string grainType, FeedPosition after, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var command = _database.Command(FeedSql);
        PostgresDatabase.Add(command, grainType, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, after.Transaction.ToString(System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Text);
        PostgresDatabase.Add(command, after.Sequence, NpgsqlDbType.Bigint);
        PostgresDatabase.Add(command, max, NpgsqlDbType.Integer);
        var records = new List<FeedRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new FeedRecord(
                new FeedPosition(reader.GetInt64(0), reader.GetInt64(1)),
                new GrainId(grainType, reader.GetString(2)),
                new JournalRecord(reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5), Encoding.UTF8.GetBytes(reader.GetString(6)))));
        }

        return records;
    }

    /// <summary>No notifications from the database yet: waiting is polling at <paramref name="timeout"/>.</summary>
    public Task WaitAsync(string grainType, FeedPosition after, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.Delay(timeout, _time, cancellationToken);

    public async Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = _database.Command("select version, state::text from grain_snapshot where grain_type = $1 and grain_key = $2");
        PostgresDatabase.Add(command, grainId.Type, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, grainId.Key, NpgsqlDbType.Text);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new JournalSnapshot(reader.GetInt64(0), Encoding.UTF8.GetBytes(reader.GetString(1)))
            : null;
    }

    public async Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, FencingToken fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var command = _database.Command(SnapshotSql, fence);
        PostgresDatabase.Add(command, grainId.Type, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, grainId.Key, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, snapshot.Version, NpgsqlDbType.Bigint);
        PostgresDatabase.Add(command, Encoding.UTF8.GetString(snapshot.State), NpgsqlDbType.Jsonb);
        if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
        {
            throw PostgresDatabase.Fenced(fence, $"Writing a snapshot of grain {grainId}");
        }
    }
}
