using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Storage;

/// <summary>
/// Group commit for grain state writes (<see cref="GroupCommit{T}"/>): writes waiting at the same moment go to
/// PostgreSQL as one statement, and each caller is answered only after that statement committed. Each row keeps its
/// own fence and version check, so a batch can commit some rows and refuse others.
/// </summary>
/// <remarks>
/// Lease rows are locked in shard order here and in every lease update (renew, claim, release), so batches and
/// lease maintenance cannot deadlock on each other.
/// </remarks>
internal sealed class StateWriteBatcher : IAsyncDisposable
{
    private const string BatchSql = $"""
        with input as (
            select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::bigint[], $7::text[], $8::int[])
                as t(grain_type, grain_key, state_name, shard, epoch, expected, data, idx)),
        {PostgresDatabase.FencedInputCte},
        written as (
            insert into grain_state as s (grain_type, grain_key, state_name, shard, version, data)
            select grain_type, grain_key, state_name, shard, coalesce(expected, 0) + 1, data::jsonb from fenced
            on conflict (grain_type, grain_key, state_name) do update
                set version = s.version + 1, data = excluded.data, written_at = now()
                where s.version = excluded.version - 1
            returning grain_type, grain_key, state_name, version)
        select f.idx, w.version from fenced f left join written w using (grain_type, grain_key, state_name)
        """;

    private readonly PostgresDatabase _database;
    private readonly GroupCommit<PendingWrite> _batches;

    public StateWriteBatcher(PostgresDatabase database, int workers)
    {
        _database = database;
        _batches = new GroupCommit<PendingWrite>(ExecuteAsync, w => (w.StateName, w.GrainId), workers);
    }

    public Task<string> WriteAsync(string stateName, GrainId grainId, string json, long? expected, FencingToken fence)
    {
        var pending = new PendingWrite(stateName, grainId, json, expected, fence);
        _batches.Enqueue(pending);
        return pending.Done.Task;
    }

    public ValueTask DisposeAsync() => _batches.DisposeAsync();

    private async Task ExecuteAsync(List<PendingWrite> batch)
    {
        try
        {
            await using var command = _database.Command(BatchSql);
            PostgresDatabase.Add(command, batch.Select(w => w.GrainId.Type).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            PostgresDatabase.Add(command, batch.Select(w => w.GrainId.Key).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            PostgresDatabase.Add(command, batch.Select(w => w.StateName).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            PostgresDatabase.Add(command, batch.Select(w => w.Fence.Shard).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            PostgresDatabase.Add(command, batch.Select(w => w.Fence.Epoch).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            PostgresDatabase.Add(command, batch.Select(w => w.Expected).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            PostgresDatabase.Add(command, batch.Select(w => w.Json).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            PostgresDatabase.Add(command, Enumerable.Range(0, batch.Count).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            var outcomes = new long?[batch.Count];
            var fenced = new bool[batch.Count];
            await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    var index = reader.GetInt32(0);
                    fenced[index] = true;
                    outcomes[index] = reader.IsDBNull(1) ? null : reader.GetInt64(1);
                }
            }

            // Committed: answer every caller.
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                if (!fenced[i])
                {
                    write.Done.TrySetException(PostgresDatabase.Fenced(write.Fence, $"Writing state '{write.StateName}' of grain {write.GrainId}"));
                }
                else if (outcomes[i] is { } version)
                {
                    write.Done.TrySetResult(version.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    write.Done.TrySetException(new InconsistentStateException(
                        $"State '{write.StateName}' of grain {write.GrainId} was changed by another writer: expected ETag {write.Expected?.ToString(CultureInfo.InvariantCulture) ?? "(none: new record)"}, but the stored record differs."));
                }
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // Nothing committed: every write of the batch fails, none is acknowledged.
            foreach (var write in batch)
            {
                write.Done.TrySetException(ex);
            }
        }
    }

    private sealed class PendingWrite(string stateName, GrainId grainId, string json, long? expected, FencingToken fence)
    {
        public string StateName { get; } = stateName;

        public GrainId GrainId { get; } = grainId;

        public string Json { get; } = json;

        public long? Expected { get; } = expected;

        public FencingToken Fence { get; } = fence;

        public TaskCompletionSource<string> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
