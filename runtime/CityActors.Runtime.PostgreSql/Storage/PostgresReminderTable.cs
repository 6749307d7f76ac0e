using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Storage;

/// <summary>
/// Reminders stored with their grain's shard, so the shard's owner loads exactly its own (index on shard, next_due).
/// The ETag is the row version; every change is fenced by the shard lease in the same statement. Bookkeeping after
/// delivered ticks (advance, remove a fired one-shot) is group-committed (<see cref="ReminderTickBatcher"/>).
/// </summary>
public sealed class PostgresReminderTable(PostgresDatabase database) : IReminderTable, IAsyncDisposable
{
    private readonly ReminderTickBatcher _ticks = new(database, Math.Max(4, Environment.ProcessorCount * 2));

    private const string Columns = "grain_type, grain_key, name, first_tick, period_us, next_due, version";

    private const string UpsertSql = $"""
        with {PostgresDatabase.FenceCte},
        written as (
            insert into reminder as r (grain_type, grain_key, name, shard, first_tick, period_us, next_due, version)
            select $3, $4, $5, $1, $6, $7, $8, 1 where exists (select 1 from fence)
            on conflict (grain_type, grain_key, name) do update
                set first_tick = excluded.first_tick, period_us = excluded.period_us, next_due = excluded.next_due, version = r.version + 1
            returning version)
        select (select count(*) from fence), (select version from written)
        """;

    private const string RemoveSql = $"""
        with {PostgresDatabase.FenceCte},
        removed as (
            delete from reminder where grain_type = $3 and grain_key = $4 and name = $5
                and exists (select 1 from fence)
            returning 1)
        select (select count(*) from fence), (select count(*) from removed)
        """;

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

    public async Task<string> UpsertAsync(ReminderEntry entry, FencingToken fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = database.Command(UpsertSql, fence);
        AddEntry(command, entry);
        var (fenced, version) = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        if (!fenced)
        {
            throw PostgresDatabase.Fenced(fence, $"Registering reminder '{entry.Name}' of grain {entry.GrainId}");
        }

        return version!;
    }

    public async Task<string?> TryUpdateAsync(ReminderEntry entry, string expectedETag, FencingToken fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            return null;
        }

        return await _ticks.AdvanceAsync(entry, expected, fence).ConfigureAwait(false);
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
            return await _ticks.RemoveAsync(probe, expected, fence).ConfigureAwait(false) is not null;
        }

        // Unconditional (the grain unregistered it).
        await using var command = database.Command(RemoveSql, fence);
        PostgresDatabase.Add(command, grainId.Type, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, grainId.Key, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, name, NpgsqlDbType.Text);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (reader.GetInt64(0) == 0)
        {
            throw PostgresDatabase.Fenced(fence, $"Removing reminder '{name}' of grain {grainId}");
        }

        return reader.GetInt64(1) > 0;
    }

    private static void AddEntry(NpgsqlCommand command, ReminderEntry entry)
    {
        PostgresDatabase.Add(command, entry.GrainId.Type, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, entry.GrainId.Key, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, entry.Name, NpgsqlDbType.Text);
        PostgresDatabase.Add(command, entry.FirstTick.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        PostgresDatabase.Add(command, entry.Period.Ticks / TimeSpan.TicksPerMicrosecond, NpgsqlDbType.Bigint);
        PostgresDatabase.Add(command, entry.NextDue.ToUniversalTime(), NpgsqlDbType.TimestampTz);
    }

    public ValueTask DisposeAsync() => _ticks.DisposeAsync();

    private static async Task<(bool Fenced, string? Version)> ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var version = reader.IsDBNull(1) ? null : reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
        return (reader.GetInt64(0) > 0, version);
    }

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
