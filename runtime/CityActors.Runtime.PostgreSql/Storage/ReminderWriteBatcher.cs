using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Storage;

/// <summary>
/// Group commit for reminder writes: bookkeeping after delivered ticks (advancing a periodic reminder's next due time or
/// removing a fired one-shot, each conditional on the reminder's version) and grains registering and unregistering
/// reminders, each fenced by its shard's lease, many per statement. This is what lets one silo fire tens of thousands
/// of reminders per second and lets SLA clocks move with every case transition.
/// </summary>
internal sealed class ReminderWriteBatcher : IAsyncDisposable
{
    private const string BatchSql = $"""
        with input as (
            select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::bigint[], $7::timestamptz[], $8::int[], $9::int[], $10::timestamptz[], $11::bigint[])
                as t(grain_type, grain_key, name, shard, epoch, expected, next_due, op, idx, first_tick, period_us)),
        {PostgresDatabase.FencedInputCte},
        advanced as (
            update reminder r set next_due = f.next_due, version = r.version + 1 from fenced f
            where f.op = 0 and r.grain_type = f.grain_type and r.grain_key = f.grain_key and r.name = f.name and r.version = f.expected
            returning f.idx, r.version),
        removed as (
            delete from reminder r using fenced f
            where f.op in (1, 3) and r.grain_type = f.grain_type and r.grain_key = f.grain_key and r.name = f.name and (f.op = 3 or r.version = f.expected)
            returning f.idx, r.version),
        upserted as (
            insert into reminder as r (grain_type, grain_key, name, shard, first_tick, period_us, next_due, version)
            select grain_type, grain_key, name, shard, first_tick, period_us, next_due, 1 from fenced where op = 2
            on conflict (grain_type, grain_key, name) do update
                set first_tick = excluded.first_tick, period_us = excluded.period_us, next_due = excluded.next_due, version = r.version + 1
            returning r.grain_type, r.grain_key, r.name, r.version)
        select f.idx, coalesce(a.version, d.version, u.version) from fenced f
        left join advanced a on a.idx = f.idx
        left join removed d on d.idx = f.idx
        left join upserted u on f.op = 2 and u.grain_type = f.grain_type and u.grain_key = f.grain_key and u.name = f.name
        """;

    private readonly PostgresDatabase _database;
    private readonly GroupCommit<ReminderWrite> _batches;

    public ReminderWriteBatcher(PostgresDatabase database, int workers)
    {
        _database = database;
        _batches = new GroupCommit<ReminderWrite>(ExecuteAsync, t => (t.Entry.GrainId, t.Entry.Name), workers);
    }

    /// <summary>Advances the reminder to <c>entry.NextDue</c> if its version is <paramref name="expected"/>; the new ETag, or null on a version mismatch.</summary>
    public Task<string?> AdvanceAsync(ReminderEntry entry, long expected, FencingToken fence) => Enqueue(entry, expected, fence, Operation.Advance);

    /// <summary>Removes the reminder if its version is <paramref name="expected"/>; null on a version mismatch.</summary>
    public Task<string?> RemoveAsync(ReminderEntry entry, long expected, FencingToken fence) => Enqueue(entry, expected, fence, Operation.RemoveIfVersion);

    /// <summary>Creates or replaces the reminder; its new ETag.</summary>
    public async Task<string> UpsertAsync(ReminderEntry entry, FencingToken fence) =>
        await Enqueue(entry, 0, fence, Operation.Upsert).ConfigureAwait(false) ?? throw new InvalidOperationException($"Registering reminder '{entry.Name}' of grain {entry.GrainId} returned no version.");

    /// <summary>Removes the reminder whatever its version; non-null if there was one.</summary>
    public Task<string?> RemoveAnyAsync(ReminderEntry entry, FencingToken fence) => Enqueue(entry, 0, fence, Operation.RemoveAny);

    public ValueTask DisposeAsync() => _batches.DisposeAsync();

    private Task<string?> Enqueue(ReminderEntry entry, long expected, FencingToken fence, Operation operation)
    {
        var write = new ReminderWrite(entry, expected, fence, operation);
        _batches.Enqueue(write);
        return write.Done.Task;
    }

    private async Task ExecuteAsync(List<ReminderWrite> batch)
    {
        try
        {
            await using var command = _database.Command(BatchSql);
            PostgresDatabase.Add(command, batch.Select(t => t.Entry.GrainId.Type).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            PostgresDatabase.Add(command, batch.Select(t => t.Entry.GrainId.Key).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            PostgresDatabase.Add(command, batch.Select(t => t.Entry.Name).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            PostgresDatabase.Add(command, batch.Select(t => t.Fence.Shard).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            PostgresDatabase.Add(command, batch.Select(t => t.Fence.Epoch).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            PostgresDatabase.Add(command, batch.Select(t => t.Expected).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            PostgresDatabase.Add(command, batch.Select(t => t.Entry.NextDue.ToUniversalTime()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
            PostgresDatabase.Add(command, batch.Select(t => (int)t.Operation).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            PostgresDatabase.Add(command, Enumerable.Range(0, batch.Count).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            PostgresDatabase.Add(command, batch.Select(t => t.Entry.FirstTick.ToUniversalTime()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
            PostgresDatabase.Add(command, batch.Select(t => t.Entry.Period.Ticks / TimeSpan.TicksPerMicrosecond).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            var fenced = new bool[batch.Count];
            var versions = new long?[batch.Count];
            await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    var index = reader.GetInt32(0);
                    fenced[index] = true;
                    versions[index] = reader.IsDBNull(1) ? null : reader.GetInt64(1);
                }
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                if (!fenced[i])
                {
                    write.Done.TrySetException(PostgresDatabase.Fenced(write.Fence, $"{write.Operation} of reminder '{write.Entry.Name}' of grain {write.Entry.GrainId}"));
                }
                else
                {
                    write.Done.TrySetResult(versions[i]?.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            foreach (var write in batch)
            {
                write.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>The kinds of write a batch mixes (values are the SQL's op codes).</summary>
    private enum Operation
    {
        Advance = 0,
        RemoveIfVersion = 1,
        Upsert = 2,
        RemoveAny = 3,
    }

    private sealed class ReminderWrite(ReminderEntry entry, long expected, FencingToken fence, Operation operation)
    {
        public ReminderEntry Entry { get; } = entry;

        public long Expected { get; } = expected;

        public FencingToken Fence { get; } = fence;

        public Operation Operation { get; } = operation;

        public TaskCompletionSource<string?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
