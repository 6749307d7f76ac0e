using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Storage;

/// <summary>
/// Group commit for reminder bookkeeping after delivered ticks: advancing a periodic reminder's next due time or
/// removing a fired one-shot, each conditional on the reminder's version and its shard's lease, many per statement.
/// This is what lets one silo fire tens of thousands of reminders per second.
/// </summary>
internal sealed class ReminderTickBatcher : IAsyncDisposable
{
    private const string BatchSql = $"""
        with input as (
            select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::bigint[], $7::timestamptz[], $8::bool[], $9::int[])
                as t(grain_type, grain_key, name, shard, epoch, expected, next_due, remove, idx)),
        {PostgresDatabase.FencedInputCte},
        advanced as (
            update reminder r set next_due = f.next_due, version = r.version + 1 from fenced f
            where not f.remove and r.grain_type = f.grain_type and r.grain_key = f.grain_key and r.name = f.name and r.version = f.expected
            returning f.idx, r.version),
        removed as (
            delete from reminder r using fenced f
            where f.remove and r.grain_type = f.grain_type and r.grain_key = f.grain_key and r.name = f.name and r.version = f.expected
            returning f.idx, r.version)
        select f.idx, coalesce(a.version, d.version) from fenced f
        left join advanced a on a.idx = f.idx
        left join removed d on d.idx = f.idx
        """;

    private readonly PostgresDatabase _database;
    private readonly GroupCommit<Tick> _batches;

    public ReminderTickBatcher(PostgresDatabase database, int workers)
    {
        _database = database;
        _batches = new GroupCommit<Tick>(ExecuteAsync, t => (t.Entry.GrainId, t.Entry.Name), workers);
    }

    /// <summary>Advances the reminder to <c>entry.NextDue</c> if its version is <paramref name="expected"/>; the new ETag, or null on a version mismatch.</summary>
    public Task<string?> AdvanceAsync(ReminderEntry entry, long expected, FencingToken fence) => Enqueue(entry, expected, fence, remove: false);

    /// <summary>Removes the reminder if its version is <paramref name="expected"/>; null on a version mismatch.</summary>
    public Task<string?> RemoveAsync(ReminderEntry entry, long expected, FencingToken fence) => Enqueue(entry, expected, fence, remove: true);

    public ValueTask DisposeAsync() => _batches.DisposeAsync();

    private Task<string?> Enqueue(ReminderEntry entry, long expected, FencingToken fence, bool remove)
    {
        var tick = new Tick(entry, expected, fence, remove);
        _batches.Enqueue(tick);
        return tick.Done.Task;
    }

    private async Task ExecuteAsync(List<Tick> batch)
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
            PostgresDatabase.Add(command, batch.Select(t => t.Remove).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Boolean);
            PostgresDatabase.Add(command, Enumerable.Range(0, batch.Count).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
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
                var tick = batch[i];
                if (!fenced[i])
                {
                    tick.Done.TrySetException(PostgresDatabase.Fenced(tick.Fence, $"Recording a tick of reminder '{tick.Entry.Name}' of grain {tick.Entry.GrainId}"));
                }
                else
                {
                    tick.Done.TrySetResult(versions[i]?.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            foreach (var tick in batch)
            {
                tick.Done.TrySetException(ex);
            }
        }
    }

    private sealed class Tick(ReminderEntry entry, long expected, FencingToken fence, bool remove)
    {
        public ReminderEntry Entry { get; } = entry;

        public long Expected { get; } = expected;

        public FencingToken Fence { get; } = fence;

        public bool Remove { get; } = remove;

        public TaskCompletionSource<string?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
