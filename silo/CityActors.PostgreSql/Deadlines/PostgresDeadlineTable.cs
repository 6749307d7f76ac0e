using CityActors.Deadlines;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Deadlines;

/// <summary>
/// The deadline table in PostgreSQL (Schema/005_deadlines.sql): what makes deadlines survive silo kills and full
/// cluster restarts. Every batch is one statement; the deadline service group-commits the batches.
/// </summary>
/// <remarks>
/// Batches are sent in key order, so two silos writing overlapping keys lock them in the same order; a deadlock the
/// server still reports (a set racing a delete of the same row) rolled everything back and is retried.
/// </remarks>
public sealed class PostgresDeadlineTable(NpgsqlDataSource dataSource) : IDeadlineTable
{
    private const int MaxAttempts = 3;

    /// <summary>The pool this table writes through (journal appends on the same pool carry deadline changes in their transaction).</summary>
    internal NpgsqlDataSource DataSource => dataSource;

    public async Task<IReadOnlyList<DateTimeOffset?>> ApplyAsync(IReadOnlyList<DeadlineChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var previous = new DateTimeOffset?[changes.Count];
        if (changes.Count == 0)
        {
            return previous;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = dataSource.CreateCommand(PostgresDeadlineSql.Apply);
                AddChanges(command.Parameters, changes);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    previous[reader.GetInt32(0)] = reader.GetFieldValue<DateTimeOffset>(1);
                }

                return previous;
            }
            catch (PostgresException ex) when (attempt < MaxAttempts && IsTransient(ex))
            {
                Array.Clear(previous);
            }
        }
    }

    public async Task<IReadOnlyList<DeadlineEntry>> ReadDueAsync(int shard, DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PostgresDeadlineSql.ReadDue);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = shard });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = dueBefore.ToUniversalTime() });
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeadlineEntry>> ReadAsync(IReadOnlyCollection<DeadlineKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var rows = keys.Select(k => new DeadlineRowKey(k)).ToList();
        await using var command = dataSource.CreateCommand(PostgresDeadlineSql.ReadKeys);
        Add(command, rows.Select(r => r.Type).ToArray(), NpgsqlDbType.Text);
        Add(command, rows.Select(r => r.Key).ToArray(), NpgsqlDbType.Text);
        Add(command, rows.Select(r => r.Name).ToArray(), NpgsqlDbType.Text);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ReadGrainAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PostgresDeadlineSql.ReadGrain);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.Type.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.Key.ToString() });
        var byName = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            byName[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }

        return byName;
    }

    public async Task<IReadOnlyList<DeadlineEntry>> DeleteFiredAsync(IReadOnlyList<DeadlineEntry> fired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fired);
        if (fired.Count == 0)
        {
            return [];
        }

        var order = fired.Select(f => (Row: new DeadlineRowKey(f.Key), f.Due)).OrderBy(p => p.Row).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = dataSource.CreateCommand(PostgresDeadlineSql.DeleteFired);
                Add(command, order.Select(p => p.Row.Type).ToArray(), NpgsqlDbType.Text);
                Add(command, order.Select(p => p.Row.Key).ToArray(), NpgsqlDbType.Text);
                Add(command, order.Select(p => p.Row.Name).ToArray(), NpgsqlDbType.Text);
                Add(command, order.Select(p => p.Due.ToUniversalTime()).ToArray(), NpgsqlDbType.TimestampTz);
                return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (attempt < MaxAttempts && IsTransient(ex))
            {
                // Rolled back whole; deleting again is safe.
            }
        }
    }

    private static async Task<IReadOnlyList<DeadlineEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<DeadlineEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var grain = GrainId.Create(GrainType.Create(reader.GetString(0)), IdSpan.Create(reader.GetString(1)));
            entries.Add(new DeadlineEntry(new DeadlineKey(grain, reader.GetString(2)), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return entries;
    }

    /// <summary>
    /// Adds parameters $1–$7 of <see cref="PostgresDeadlineSql.Apply"/>: the changes in key (lock) order, each with its
    /// index in <paramref name="changes"/>, which the statement answers with. Returns that order as indexes.
    /// </summary>
    internal static int[] AddChanges(NpgsqlParameterCollection parameters, IReadOnlyList<DeadlineChange> changes)
    {
        var order = Enumerable.Range(0, changes.Count).OrderBy(i => new DeadlineRowKey(changes[i].Key)).ToArray();
        var rows = order.Select(i => new DeadlineRowKey(changes[i].Key)).ToArray();
        Add(parameters, rows.Select(r => r.Type).ToArray(), NpgsqlDbType.Text);
        Add(parameters, rows.Select(r => r.Key).ToArray(), NpgsqlDbType.Text);
        Add(parameters, rows.Select(r => r.Name).ToArray(), NpgsqlDbType.Text);
        Add(parameters, order.Select(i => changes[i].Shard).ToArray(), NpgsqlDbType.Integer);
        Add(parameters, order.Select(i => (changes[i].Due ?? DateTimeOffset.UnixEpoch).ToUniversalTime()).ToArray(), NpgsqlDbType.TimestampTz);
        Add(parameters, order.Select(i => changes[i].IsCancel).ToArray(), NpgsqlDbType.Boolean);
        Add(parameters, order, NpgsqlDbType.Integer);
        return order;
    }

    internal static void Add<T>(NpgsqlParameterCollection parameters, T[] values, NpgsqlDbType elementType) =>
        parameters.Add(new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType });

    private static void Add<T>(NpgsqlCommand command, T[] values, NpgsqlDbType elementType) => Add(command.Parameters, values, elementType);

    /// <summary>Deadlock or serialization failure: the server rolled the statement back, so running it again is safe.</summary>
    private static bool IsTransient(PostgresException error) =>
        error.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
