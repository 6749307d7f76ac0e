using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Storage;

/// <summary>
/// Grain state writes and clears through <see cref="GroupCommit{T}"/>: writes waiting at the same moment go to
/// PostgreSQL as one statement, and each caller is answered only after that statement committed. Every row carries its
/// own ETag check, so one stale writer is refused while the rest of its batch commits.
/// </summary>
/// <remarks>
/// A write without an ETag (the caller saw no record) may only create the row: it inserts version 1 and does nothing
/// when the row exists, so of two first writes racing on two silos exactly one commits (the second insert waits on
/// the first's unique key, then finds the row). A write with an ETag may only update the row at that version. A clear
/// is a write of null data (a tombstone), so versions only grow.
/// </remarks>
internal sealed class StateWriteBatcher : IAsyncDisposable
{
    private const string BatchSql = """
        with input as (
            select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[]) with ordinality
                as i(grain_type, grain_key, state_name, expected, data, idx)),
        created as (
            insert into grain_state (grain_type, grain_key, state_name, version, data)
            select grain_type, grain_key, state_name, 1, data::jsonb from input where expected is null order by idx
            on conflict (grain_type, grain_key, state_name) do nothing
            returning grain_type, grain_key, state_name, version),
        updated as (
            update grain_state s set version = s.version + 1, data = i.data::jsonb, written_at = now()
            from input i
            where i.expected is not null
              and s.grain_type = i.grain_type and s.grain_key = i.grain_key and s.state_name = i.state_name
              and s.version = i.expected
            returning s.grain_type, s.grain_key, s.state_name, s.version),
        written as (select * from created union all select * from updated)
        select i.idx, w.version,
            (select s.version from grain_state s
             where s.grain_type = i.grain_type and s.grain_key = i.grain_key and s.state_name = i.state_name)
        from input i
        left join written w on w.grain_type = i.grain_type and w.grain_key = i.grain_key and w.state_name = i.state_name
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<PendingStateWrite> _batches;

    public StateWriteBatcher(NpgsqlDataSource dataSource, int concurrentBatches, int maxBatchSize, ILogger logger)
    {
        _dataSource = dataSource;
        _batches = new GroupCommit<PendingStateWrite>("grain state write", ExecuteAsync, w => w.Key, concurrentBatches, maxBatchSize, logger);
    }

    /// <summary>Writes <paramref name="json"/> (null: clears) if the row is still at <paramref name="expected"/> (null: no row).</summary>
    public Task<StateWriteOutcome> WriteAsync(GrainStateKey key, long? expected, string? json, CancellationToken cancellationToken)
    {
        var write = new PendingStateWrite(key, expected, json, cancellationToken);
        _batches.Enqueue(write);
        return write.Answer;
    }

    public ValueTask DisposeAsync() => _batches.DisposeAsync();

    private Task ExecuteAsync(IReadOnlyList<PendingStateWrite> batch) => ExecuteAsync(_dataSource, batch);

    /// <summary>Writes <paramref name="batch"/> (distinct keys) in one statement and answers each write once it committed.</summary>
    internal static async Task ExecuteAsync(NpgsqlDataSource dataSource, IReadOnlyList<PendingStateWrite> batch)
    {
        // Rows are locked in key order, the same in every batch of every silo.
        var sorted = batch.OrderBy(w => w.Key, GrainStateKeyOrder.Instance).ToArray();
        await using var command = dataSource.CreateCommand(BatchSql);
        command.Parameters.Add(Array(sorted.Select(w => w.Key.GrainType).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(Array(sorted.Select(w => w.Key.GrainKey).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(Array(sorted.Select(w => w.Key.StateName).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(Array(sorted.Select(w => w.Expected).ToArray(), NpgsqlDbType.Bigint));
        command.Parameters.Add(Array(sorted.Select(w => w.Json).ToArray(), NpgsqlDbType.Text));
        var outcomes = new StateWriteOutcome[sorted.Length];
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                outcomes[reader.GetInt64(0) - 1] = new StateWriteOutcome(
                    reader.IsDBNull(1) ? null : reader.GetInt64(1),
                    reader.IsDBNull(2) ? null : reader.GetInt64(2));
            }
        }

        // The reader is closed: the statement's transaction committed. Only now is anyone told.
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i].Succeed(outcomes[i]);
        }
    }

    private static NpgsqlParameter<T[]> Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };
}

/// <summary>One caller's write (or clear, when <see cref="Json"/> is null) of one grain state.</summary>
internal sealed class PendingStateWrite(GrainStateKey key, long? expected, string? json, CancellationToken cancellationToken)
    : PendingOperation<StateWriteOutcome>(cancellationToken)
{
    public GrainStateKey Key { get; } = key;

    /// <summary>The version the caller last saw; null when it saw no record.</summary>
    public long? Expected { get; } = expected;

    public string? Json { get; } = json;
}
