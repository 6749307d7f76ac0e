using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Storage;

/// <summary>
/// Group commit for journal appends (<see cref="GroupCommit{T}"/>): appends of different grains waiting at the same
/// moment go to PostgreSQL as one statement, each with its own fence and expected-version check, and each caller is
/// answered only after that statement committed. An append that meets a concurrent writer's rows (the primary key
/// would be violated) makes the whole statement fail; the batch is then retried append by append, so the conflict is
/// reported to its own caller only.
/// </summary>
internal sealed class JournalAppendBatcher : IAsyncDisposable
{
    private const string BatchSql = $"""
        with input as (
            select * from unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::bigint[], $6::int[])
                as t(grain_type, grain_key, shard, epoch, expected, idx)),
        {PostgresDatabase.FencedInputCte},
        heads as (
            select f.*, coalesce((select max(j.version) from grain_journal j where j.grain_type = f.grain_type and j.grain_key = f.grain_key), 0) as head
            from fenced f),
        records as (
            select * from unnest($7::int[], $8::bigint[], $9::timestamptz[], $10::text[], $11::text[])
                as r(idx, version, recorded_at, event_type, payload)),
        appended as (
            insert into grain_journal (grain_type, grain_key, version, shard, recorded_at, event_type, payload)
            select h.grain_type, h.grain_key, r.version, h.shard, r.recorded_at, r.event_type, r.payload::jsonb
            from heads h join records r on r.idx = h.idx
            where h.head = h.expected
            returning grain_type, grain_key)
        select h.idx, h.head, (select count(*) from appended a where a.grain_type = h.grain_type and a.grain_key = h.grain_key) from heads h
        """;

    private readonly PostgresDatabase _database;
    private readonly Func<Append, Task> _single;
    private readonly GroupCommit<Append> _batches;

    /// <param name="database">The cluster database.</param>
    /// <param name="single">Appends one batch entry on its own (the fallback after a conflict), completing it.</param>
    /// <param name="workers">Batches kept in flight at once.</param>
    public JournalAppendBatcher(PostgresDatabase database, Func<Append, Task> single, int workers)
    {
        _database = database;
        _single = single;
        _batches = new GroupCommit<Append>(ExecuteAsync, a => a.GrainId, workers);
    }

    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalRecord> records, FencingToken fence)
    {
        var append = new Append(grainId, expectedVersion, records, fence);
        _batches.Enqueue(append);
        return append.Done.Task;
    }

    public ValueTask DisposeAsync() => _batches.DisposeAsync();

    private async Task ExecuteAsync(List<Append> batch)
    {
        try
        {
            await using var command = _database.Command(BatchSql);
            PostgresDatabase.Add(command, batch.Select(a => a.GrainId.Type).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            PostgresDatabase.Add(command, batch.Select(a => a.GrainId.Key).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            PostgresDatabase.Add(command, batch.Select(a => a.Fence.Shard).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            PostgresDatabase.Add(command, batch.Select(a => a.Fence.Epoch).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            PostgresDatabase.Add(command, batch.Select(a => a.Expected).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            PostgresDatabase.Add(command, Enumerable.Range(0, batch.Count).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            var records = batch.SelectMany((a, i) => a.Records.Select(r => (Index: i, Record: r))).ToList();
            PostgresDatabase.Add(command, records.Select(r => r.Index).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            PostgresDatabase.Add(command, records.Select(r => r.Record.Version).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            PostgresDatabase.Add(command, records.Select(r => r.Record.Timestamp.ToUniversalTime()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
            PostgresDatabase.Add(command, records.Select(r => r.Record.EventType).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            PostgresDatabase.Add(command, records.Select(r => Encoding.UTF8.GetString(r.Record.Payload)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            var outcomes = new (bool Fenced, long Head, long Appended)[batch.Count];
            await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    outcomes[reader.GetInt32(0)] = (true, reader.GetInt64(1), reader.GetInt64(2));
                }
            }

            // Committed: answer every caller.
            for (var i = 0; i < batch.Count; i++)
            {
                var append = batch[i];
                var (fenced, head, appended) = outcomes[i];
                if (!fenced)
                {
                    append.Done.TrySetException(PostgresDatabase.Fenced(append.Fence, $"Appending {append.Records.Count} event(s) to the journal of grain {append.GrainId}"));
                }
                else if (appended != append.Records.Count)
                {
                    append.Done.TrySetException(new InconsistentStateException(
                        $"Journal of grain {append.GrainId} is at version {head}; the append expected version {append.Expected}."));
                }
                else
                {
                    append.Done.TrySetResult();
                }
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Nothing committed; one append raced a writer of the same journal. Retry alone so only it fails.
            await Task.WhenAll(batch.Select(_single)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // Nothing committed: every append of the batch fails, none is acknowledged.
            foreach (var append in batch)
            {
                append.Done.TrySetException(ex);
            }
        }
    }

    internal sealed class Append(GrainId grainId, long expected, IReadOnlyList<JournalRecord> records, FencingToken fence)
    {
        public GrainId GrainId { get; } = grainId;

        public long Expected { get; } = expected;

        public IReadOnlyList<JournalRecord> Records { get; } = records;

        public FencingToken Fence { get; } = fence;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
