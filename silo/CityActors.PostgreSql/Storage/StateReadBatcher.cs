using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Storage;

/// <summary>
/// Grain state reads through <see cref="GroupCommit{T}"/>: reads waiting at the same moment (an activation storm after
/// a restart) share one statement and one pooled connection instead of each taking its own.
/// </summary>
internal sealed class StateReadBatcher : IAsyncDisposable
{
    private const string BatchSql = """
        select i.idx, s.version, s.data::text
        from unnest($1::text[], $2::text[], $3::text[]) with ordinality as i(grain_type, grain_key, state_name, idx)
        join grain_state s on s.grain_type = i.grain_type and s.grain_key = i.grain_key and s.state_name = i.state_name
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<PendingStateRead> _batches;

    public StateReadBatcher(NpgsqlDataSource dataSource, int concurrentBatches, int maxBatchSize, ILogger logger)
    {
        _dataSource = dataSource;
        _batches = new GroupCommit<PendingStateRead>("grain state read", ExecuteAsync, conflictKey: null, concurrentBatches, maxBatchSize, logger);
    }

    /// <summary>The stored row, or null when the grain never stored this state.</summary>
    public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        var read = new PendingStateRead(key, cancellationToken);
        _batches.Enqueue(read);
        return read.Answer;
    }

    public ValueTask DisposeAsync() => _batches.DisposeAsync();

    private Task ExecuteAsync(IReadOnlyList<PendingStateRead> batch) => ExecuteAsync(_dataSource, batch);

    /// <summary>Reads every state of <paramref name="batch"/> in one statement and answers each read.</summary>
    internal static async Task ExecuteAsync(NpgsqlDataSource dataSource, IReadOnlyList<PendingStateRead> batch)
    {
        await using var command = dataSource.CreateCommand(BatchSql);
        command.Parameters.Add(TextArray(batch.Select(r => r.Key.GrainType)));
        command.Parameters.Add(TextArray(batch.Select(r => r.Key.GrainKey)));
        command.Parameters.Add(TextArray(batch.Select(r => r.Key.StateName)));
        var found = new StoredState?[batch.Count];
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                found[reader.GetInt64(0) - 1] = new StoredState(reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Succeed(found[i]);
        }
    }

    private static NpgsqlParameter<string[]> TextArray(IEnumerable<string> values) =>
        new() { TypedValue = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}

/// <summary>One caller's read of one grain state.</summary>
internal sealed class PendingStateRead(GrainStateKey key, CancellationToken cancellationToken) : PendingOperation<StoredState?>(cancellationToken)
{
    public GrainStateKey Key { get; } = key;
}
