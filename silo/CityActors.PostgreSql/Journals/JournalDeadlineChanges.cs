using CityActors.Deadlines;
using CityActors.PostgreSql.Deadlines;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Journals;

/// <summary>
/// The deadline changes of one batch of journal appends: the second statement of the batch's round trip
/// (<see cref="PostgresDeadlineSql.ApplyWithAppends"/>), which applies each change only if its append was written by
/// the first statement, and, after the commit, what each applied change replaced.
/// </summary>
internal sealed class JournalDeadlineChanges
{
    private readonly DeadlineChange[] _changes;
    private readonly int[] _firstOfAppend;
    private readonly DateTimeOffset?[] _previous;

    private JournalDeadlineChanges(DeadlineChange[] changes, int[] firstOfAppend)
    {
        _changes = changes;
        _firstOfAppend = firstOfAppend;
        _previous = new DateTimeOffset?[changes.Length];
    }

    /// <summary>Adds the deadline statement to <paramref name="batch"/>; null (nothing added) when no append carries changes.</summary>
    public static JournalDeadlineChanges? Add(NpgsqlBatch batch, IReadOnlyList<PendingAppend> appends)
    {
        if (appends.All(a => a.DeadlineChanges.Count == 0))
        {
            return null;
        }

        var firstOfAppend = new int[appends.Count + 1];
        for (var i = 0; i < appends.Count; i++)
        {
            firstOfAppend[i + 1] = firstOfAppend[i] + appends[i].DeadlineChanges.Count;
        }

        var changes = appends.SelectMany(a => a.DeadlineChanges).ToArray();
        var owner = appends.SelectMany(a => a.DeadlineChanges.Select(_ => a)).ToArray();
        var command = new NpgsqlBatchCommand(PostgresDeadlineSql.ApplyWithAppends);
        var order = PostgresDeadlineTable.AddChanges(command.Parameters, changes);
        PostgresDeadlineTable.Add(command.Parameters, order.Select(i => owner[i].Journal.GrainType).ToArray(), NpgsqlDbType.Text);
        PostgresDeadlineTable.Add(command.Parameters, order.Select(i => owner[i].Journal.Key).ToArray(), NpgsqlDbType.Text);
        PostgresDeadlineTable.Add(command.Parameters, order.Select(i => owner[i].ExpectedVersion + owner[i].Records.Count).ToArray(), NpgsqlDbType.Bigint);
        batch.BatchCommands.Add(command);
        return new JournalDeadlineChanges(changes, firstOfAppend);
    }

    /// <summary>Reads the deadline statement's answer: the previous due instant of every applied change that replaced one.</summary>
    public async Task ReadPreviousAsync(NpgsqlDataReader reader)
    {
        if (!await reader.NextResultAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException("The journal batch returned no result for its deadline statement.");
        }

        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            _previous[reader.GetInt32(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }
    }

    /// <summary>Tells the append at <paramref name="index"/> of the batch, written now, which of its changes replaced what.</summary>
    public void Committed(int index, PendingAppend append)
    {
        var from = _firstOfAppend[index];
        var count = _firstOfAppend[index + 1] - from;
        if (count > 0 && append.DeadlinesCommitted is { } committed)
        {
            committed(new ArraySegment<DeadlineChange>(_changes, from, count), new ArraySegment<DateTimeOffset?>(_previous, from, count));
        }
    }
}
