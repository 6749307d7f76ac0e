using CityActors.Journals;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Journals;

/// <summary>
/// Journal reads on activation (snapshot and the records after it) through <see cref="GroupCommit{T}"/>: grains
/// activated at the same moment (every new case, an activation storm after a restart) share one statement and one
/// pooled connection instead of each taking its own. Each journal's snapshot and records come from the statement's
/// one MVCC snapshot, so a snapshot written meanwhile cannot make its records start after a version it does not cover.
/// </summary>
internal sealed class JournalReadBatcher : IAsyncDisposable
{
    // Per journal (idx): its snapshot row (kind 0), then its records after the snapshot (kind 1), by version.
    private const string BatchSql = """
        with input as (
            select * from unnest($1::text[], $2::text[]) with ordinality as i(grain_type, grain_key, idx)),
        snapshots as (
            select i.idx, s.version, s.state from input i
            join grain_snapshot s on s.grain_type = i.grain_type and s.grain_key = i.grain_key)
        select idx, 0 as kind, version, null::timestamptz, null::text, null::text, state from snapshots
        union all
        select i.idx, 1, j.version, j.recorded_at, j.event_type, j.payload::text, null::bytea
        from input i
        join grain_journal j on j.grain_type = i.grain_type and j.grain_key = i.grain_key
        where j.version > coalesce((select s.version from snapshots s where s.idx = i.idx), 0)
        order by 1, 2, 3
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<PendingJournalRead> _batches;

    public JournalReadBatcher(NpgsqlDataSource dataSource, int concurrentBatches, int maxBatchSize, ILogger logger)
    {
        _dataSource = dataSource;
        _batches = new GroupCommit<PendingJournalRead>("journal read", ExecuteAsync, conflictKey: null, concurrentBatches, maxBatchSize, logger);
    }

    public Task<(JournalSnapshot? Snapshot, IReadOnlyList<JournalRecord> Records)> ReadLatestAsync(JournalId journal, CancellationToken cancellationToken)
    {
        var read = new PendingJournalRead(journal, cancellationToken);
        _batches.Enqueue(read);
        return read.Answer;
    }

    public ValueTask DisposeAsync() => _batches.DisposeAsync();

    private async Task ExecuteAsync(IReadOnlyList<PendingJournalRead> batch)
    {
        await using var command = _dataSource.CreateCommand(BatchSql);
        command.Parameters.Add(TextArray(batch.Select(r => r.Journal.GrainType)));
        command.Parameters.Add(TextArray(batch.Select(r => r.Journal.Key)));
        var snapshots = new JournalSnapshot?[batch.Count];
        var records = new List<JournalRecord>?[batch.Count];
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                var i = (int)reader.GetInt64(0) - 1;
                if (reader.GetInt32(1) == 0)
                {
                    snapshots[i] = new JournalSnapshot(reader.GetInt64(2), reader.GetFieldValue<byte[]>(6));
                }
                else
                {
                    (records[i] ??= []).Add(PostgresEventJournal.ReadRecord(reader, 2));
                }
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Succeed((snapshots[i], (IReadOnlyList<JournalRecord>?)records[i] ?? []));
        }
    }

    private static NpgsqlParameter<string[]> TextArray(IEnumerable<string> values) =>
        new() { TypedValue = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}

/// <summary>One grain's read of its journal on activation.</summary>
internal sealed class PendingJournalRead(JournalId journal, CancellationToken cancellationToken)
    : PendingOperation<(JournalSnapshot? Snapshot, IReadOnlyList<JournalRecord> Records)>(cancellationToken)
{
    public JournalId Journal { get; } = journal;
}
