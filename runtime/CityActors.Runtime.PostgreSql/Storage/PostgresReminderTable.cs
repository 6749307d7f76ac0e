using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Storage;

/// <summary>
/// Reminders stored with their grain's shard, so the shard's owner loads exactly its own (index on shard, next_due).
/// The ETag is the row version; every change is fenced by the shard lease in the same statement. Bookkeeping after
/// delivered ticks (advance, remove a fired one-shot), registrations and removals are group-committed
/// (<see cref="ReminderWriteBatcher"/>).
/// </summary>
public sealed class PostgresReminderTable(PostgresDatabase database) : IReminderTable, IAsyncDisposable
{
    private readonly ReminderWriteBatcher _writes = new(database, Math.Max(4, Environment.ProcessorCount * 2));

    private const string Columns = "grain_type, grain_key, name, first_tick, period_us, next_due, version";

    public async Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(int shardCount, IReadOnlySet<int>? shards, DateTimeOffset dueFrom, DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        NpgsqlCommand command;
        if (shards is null)
        {
            command = database.Command($"select {Columns} from reminder where next_due >= $2 and next_due < $1");
        }
        else
        {
            command = database.Command($"select {Columns} from reminder where shard = any($3) and next_due >= $2 and next_due < $1");
        }

        await using (command)
        {
            PostgresDatabase.Add(command, Clamp(dueBefore), NpgsqlDbType.TimestampTz);
            PostgresDatabase.Add(command, dueFrom == DateTimeOffset.MinValue ? DateTimeOffset.UnixEpoch : dueFrom.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            if (shards is not null)
            {
                PostgresDatabase.Add(command, shards.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            }

            return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"select {Columns} from reminder where grain_type = $1 and grain_key = $2 and name = $3");
        PostgresDatabase.Add(command, grainId.Type, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, grainId.Key, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, name, NpgsqlDbType.Text);
        var entries = await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
        return entries.Count == 0 ? null : entries[0];
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"select {Columns} from reminder where grain_type = $1 and grain_key = $2 order by name");
        PostgresDatabase.Add(command, grainId.Type, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, grainId.Key, NpgsqlDbType.Text);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public Task<string> UpsertAsync(ReminderEntry entry, FencingToken fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _writes.UpsertAsync(entry, fence);
    }

    public async Task<string?> TryUpdateAsync(ReminderEntry entry, string expectedETag, FencingToken fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            return null;
        }

        return await _writes.AdvanceAsync(entry, expected, fence).ConfigureAwait(false);
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string name, string? expectedETag, FencingToken fence, CancellationToken cancellationToken)
    {
        if (expectedETag is not null)
        {
            if (!long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
            {
                return false;
            }

            // A fired one-shot: batched with other ticks' bookkeeping.
            var probe = new ReminderEntry(grainId, name, default, TimeSpan.Zero, default, expectedETag);
            return await _writes.RemoveAsync(probe, expected, fence).ConfigureAwait(false) is not null;
        }

        // Unconditional (the grain unregistered it).
        var any = new ReminderEntry(grainId, name, default, TimeSpan.Zero, default, null);
        return await _writes.RemoveAnyAsync(any, fence).ConfigureAwait(false) is not null;
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();

    private static async Task<IReadOnlyList<ReminderEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                TimeSpan.FromTicks(reader.GetInt64(4) * TimeSpan.TicksPerMicrosecond),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetInt64(6).ToString(CultureInfo.InvariantCulture)));
        }

        return entries;
    }

    private static DateTimeOffset Clamp(DateTimeOffset value) =>
        value > new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero) ? new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero) : value.ToUniversalTime();
}
