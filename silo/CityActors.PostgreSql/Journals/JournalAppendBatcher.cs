using System.Text;
using CityActors.Deadlines;
using CityActors.Journals;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Journals;

/// <summary>
/// Journal appends through <see cref="GroupCommit{T}"/>: appends to different journals waiting at the same moment go
/// to PostgreSQL as one statement, each with its own expected-version check, and each caller is answered only after
/// that statement committed. Deadline changes carried by appends follow as a second statement of the same round trip
/// and transaction (<see cref="JournalDeadlineChanges"/>), applied only for appends written by the first.
/// </summary>
/// <remarks>
/// <para>An append whose journal is not at its expected version writes nothing; the same statement then compares the
/// stored events at the append's versions with the append's (event type, and payload as jsonb, so key order and
/// spacing do not matter), which makes retrying an append that did commit report success again.</para>
/// <para>An append that meets a concurrent writer of the same journal (another silo, or an activation that should no
/// longer exist) violates the primary key, which fails the whole statement; <see cref="GroupCommit{T}"/> then splits
/// the batch until that append runs alone, and alone it finds the journal moved on and reports false.</para>
/// </remarks>
internal sealed class JournalAppendBatcher : IAsyncDisposable
{
    private const string BatchSql = """
        with input as (
            select * from unnest($1::text[], $2::text[], $3::bigint[]) with ordinality as i(grain_type, grain_key, expected, idx)),
        records as (
            select * from unnest($4::bigint[], $5::bigint[], $6::timestamptz[], $7::text[], $8::text[])
                as r(idx, version, recorded_at, event_type, payload)),
        heads as (
            select i.*, coalesce((select max(j.version) from grain_journal j
                                  where j.grain_type = i.grain_type and j.grain_key = i.grain_key), 0) as head
            from input i),
        appended as (
            insert into grain_journal (grain_type, grain_key, version, recorded_at, event_type, payload)
            select h.grain_type, h.grain_key, r.version, r.recorded_at, r.event_type, r.payload::jsonb
            from heads h join records r on r.idx = h.idx
            where h.head = h.expected
            order by h.idx, r.version
            returning grain_type, grain_key),
        appended_counts as (
            select grain_type, grain_key, count(*) as appended from appended group by grain_type, grain_key),
        already_held as (
            select h.idx, count(*) as held
            from heads h
            join records r on r.idx = h.idx
            join grain_journal j on j.grain_type = h.grain_type and j.grain_key = h.grain_key and j.version = r.version
                and j.event_type = r.event_type and j.payload = r.payload::jsonb
            where h.head <> h.expected
            group by h.idx)
        select h.idx, h.head, coalesce(a.appended, 0), coalesce(d.held, 0)
        from heads h
        left join appended_counts a on a.grain_type = h.grain_type and a.grain_key = h.grain_key
        left join already_held d on d.idx = h.idx
        """;

    // An append alone that still meets a concurrent writer is run again this often before the error is reported.
    private const int MaxAttemptsAlone = 3;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<PendingAppend> _batches;

    public JournalAppendBatcher(NpgsqlDataSource dataSource, int concurrentBatches, int maxBatchSize, ILogger logger)
    {
        _dataSource = dataSource;
        _batches = new GroupCommit<PendingAppend>("journal append", ExecuteAsync, a => a.Journal, concurrentBatches, maxBatchSize, logger);
    }

    /// <summary>
    /// Queues <paramref name="append"/>; true when its records are in the journal at their versions after this call
    /// (appended now, or by an earlier attempt).
    /// </summary>
    public Task<bool> AppendAsync(PendingAppend append)
    {
        _batches.Enqueue(append);
        return append.Answer;
    }

    public ValueTask DisposeAsync() => _batches.DisposeAsync();

    private async Task ExecuteAsync(IReadOnlyList<PendingAppend> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(_dataSource, batch).ConfigureAwait(false);
                return;
            }
            catch (PostgresException ex) when (batch.Count == 1 && attempt < MaxAttemptsAlone && ex.SqlState is
                PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // A writer of the same journal committed while this append ran (or, with deadline changes, its locks
                // crossed another writer's); nothing committed. Run again to see its rows and answer from them
                // (false, or true when they are this very append).
            }
        }
    }

    /// <summary>Appends <paramref name="batch"/> (distinct journals) in one statement and answers each append once it committed.</summary>
    internal static async Task ExecuteAsync(NpgsqlDataSource dataSource, IReadOnlyList<PendingAppend> batch)
    {
        // Journals in one order in every batch, so two statements never wait on each other's rows crosswise.
        var sorted = batch
            .OrderBy(a => a.Journal.GrainType, StringComparer.Ordinal)
            .ThenBy(a => a.Journal.Key, StringComparer.Ordinal)
            .ToArray();
        var records = sorted.SelectMany((a, i) => a.Records.Select(r => (Index: (long)i + 1, Record: r))).ToArray();
        await using var batchCommand = dataSource.CreateBatch();
        var command = new NpgsqlBatchCommand(BatchSql);
        batchCommand.BatchCommands.Add(command);
        command.Parameters.Add(Array(sorted.Select(a => a.Journal.GrainType), NpgsqlDbType.Text));
        command.Parameters.Add(Array(sorted.Select(a => a.Journal.Key), NpgsqlDbType.Text));
        command.Parameters.Add(Array(sorted.Select(a => a.ExpectedVersion), NpgsqlDbType.Bigint));
        command.Parameters.Add(Array(records.Select(r => r.Index), NpgsqlDbType.Bigint));
        command.Parameters.Add(Array(records.Select(r => r.Record.Version), NpgsqlDbType.Bigint));
        command.Parameters.Add(Array(records.Select(r => r.Record.Timestamp.ToUniversalTime()), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Array(records.Select(r => r.Record.EventType), NpgsqlDbType.Text));
        command.Parameters.Add(Array(records.Select(r => Encoding.UTF8.GetString(r.Record.Payload)), NpgsqlDbType.Text));
        var deadlines = JournalDeadlineChanges.Add(batchCommand, sorted);
        var outcomes = new (long Head, long Appended, long Held)[sorted.Length];
        await using (var reader = await batchCommand.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                outcomes[reader.GetInt64(0) - 1] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            }

            await (deadlines?.ReadPreviousAsync(reader) ?? Task.CompletedTask).ConfigureAwait(false);
        }

        // The reader is closed: the batch's transaction committed (both statements, or neither). Only now is anyone
        // told: first the deadline service (so shards holding those deadlines hear of them by the time a caller goes
        // on), then the callers.
        for (var i = 0; deadlines is not null && i < sorted.Length; i++)
        {
            if (CommittedNow(sorted[i], outcomes[i]))
            {
                deadlines.Committed(i, sorted[i]);
            }
        }

        for (var i = 0; i < sorted.Length; i++)
        {
            var append = sorted[i];
            var (head, _, held) = outcomes[i];
            var committedBefore = head >= append.ExpectedVersion + append.Records.Count && held == append.Records.Count;
            append.Succeed(CommittedNow(append, outcomes[i]) || committedBefore);
        }
    }

    private static bool CommittedNow(PendingAppend append, (long Head, long Appended, long Held) outcome) =>
        outcome.Head == append.ExpectedVersion && outcome.Appended == append.Records.Count;

    private static NpgsqlParameter<T[]> Array<T>(IEnumerable<T> values, NpgsqlDbType elementType) =>
        new() { TypedValue = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | elementType };
}

/// <summary>One caller's append of consecutive records to one journal, with the deadline changes that commit only with it.</summary>
internal sealed class PendingAppend(JournalId journal, long expectedVersion, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken)
    : PendingOperation<bool>(cancellationToken)
{
    public JournalId Journal { get; } = journal;

    public long ExpectedVersion { get; } = expectedVersion;

    public IReadOnlyList<JournalRecord> Records { get; } = records;

    public IReadOnlyList<DeadlineChange> DeadlineChanges { get; init; } = [];

    /// <summary>Told, after the commit, of <see cref="DeadlineChanges"/> applied with the append and their previous due instants.</summary>
    public Action<IReadOnlyList<DeadlineChange>, IReadOnlyList<DateTimeOffset?>>? DeadlinesCommitted { get; init; }
}
