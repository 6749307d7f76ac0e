using System.Globalization;
using System.Text;
using CityActors.Journals;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Journals;

/// <summary>
/// Event journals and their feed in PostgreSQL (tables grain_journal and grain_snapshot, schema script 004). Appends
/// are group-committed (<see cref="JournalAppendBatcher"/>): many journals' appends share one statement, each checked
/// against its expected version in that statement, each caller answered after the commit.
/// </summary>
/// <remarks>
/// <para>The feed hands out rows in (writing transaction, sequence) order and only below the oldest transaction still
/// running, so a row that commits later can never sort before a position a reader already passed. A long transaction
/// anywhere on the server holds the feed back until it ends.</para>
/// <para><see cref="WaitAsync"/> is woken by PostgreSQL notifications sent when appends commit (<see cref="JournalFeedListener"/>),
/// from any silo.</para>
/// <para>Event payloads are stored as jsonb, so they must be JSON and come back normalized (keys reordered, spacing
/// dropped); snapshot states are stored as the exact bytes given.</para>
/// </remarks>
public sealed class PostgresEventJournal : IEventJournal, IJournalFeed, IAsyncDisposable
{
    /// <summary>Append batches in flight at once; each holds one pooled connection while it runs.</summary>
    internal const int ConcurrentAppendBatches = 4;

    /// <summary>Most appends in one statement.</summary>
    internal const int MaxAppendBatchSize = 256;

    /// <summary>Activation reads in flight at once; each holds one pooled connection while it runs.</summary>
    internal const int ConcurrentReadBatches = 4;

    /// <summary>Most journals read by one statement.</summary>
    internal const int MaxReadBatchSize = 256;

    /// <summary>
    /// How soon a waiting reader looks again when committed records exist that an older, still running transaction
    /// holds back: its commit sends no notification of its own.
    /// </summary>
    internal static readonly TimeSpan HeldBackRecheckInterval = TimeSpan.FromMilliseconds(100);

    private const string ReadSql = """
        select version, recorded_at, event_type, payload::text from grain_journal
        where grain_type = $1 and grain_key = $2 and version > $3
        order by version
        """;

    private const string FeedSql = """
        select feed_tx::text::bigint, feed_seq, grain_key, version, recorded_at, event_type, payload::text
        from grain_journal
        where grain_type = $1
          and (feed_tx, feed_seq) > ($2::text::xid8, $3)
          and feed_tx < pg_snapshot_xmin(pg_current_snapshot())
        order by feed_tx, feed_seq
        limit $4
        """;

    // Whether rows after the position are readable now, and whether committed rows after it are held back.
    private const string ProbeSql = """
        select
            exists (select 1 from grain_journal
                    where grain_type = $1 and (feed_tx, feed_seq) > ($2::text::xid8, $3)
                      and feed_tx < pg_snapshot_xmin(pg_current_snapshot())),
            exists (select 1 from grain_journal
                    where grain_type = $1 and (feed_tx, feed_seq) > ($2::text::xid8, $3)
                      and feed_tx >= pg_snapshot_xmin(pg_current_snapshot()))
        """;

    // The last record readers may be handed now: below the oldest transaction still running, as the feed reads.
    private const string HeadSql = """
        select feed_tx::text::bigint, feed_seq from grain_journal
        where grain_type = $1 and feed_tx < pg_snapshot_xmin(pg_current_snapshot())
        order by feed_tx desc, feed_seq desc
        limit 1
        """;

    private const string ReadSnapshotSql = "select version, state from grain_snapshot where grain_type = $1 and grain_key = $2";

    private const string WriteSnapshotSql = """
        insert into grain_snapshot as s (grain_type, grain_key, version, state) values ($1, $2, $3, $4)
        on conflict (grain_type, grain_key) do update
            set version = excluded.version, state = excluded.state, written_at = now()
            where s.version < excluded.version
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly JournalAppendBatcher _appends;
    private readonly JournalReadBatcher _reads;
    private readonly JournalFeedListener _listener;
    private int _disposed;

    /// <param name="dataSource">The silo's pool for the journal database.</param>
    /// <param name="time">The silo's clock: feed waits time out on it.</param>
    /// <param name="logger">Where failed batches and a lost notification connection are reported.</param>
    public PostgresEventJournal(NpgsqlDataSource dataSource, TimeProvider time, ILogger<PostgresEventJournal> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = dataSource;
        _time = time;
        _appends = new JournalAppendBatcher(dataSource, ConcurrentAppendBatches, MaxAppendBatchSize, logger);
        _reads = new JournalReadBatcher(dataSource, ConcurrentReadBatches, MaxReadBatchSize, logger);
        _listener = new JournalFeedListener(dataSource, time, logger);
    }

    public async Task<IReadOnlyList<JournalRecord>> ReadAsync(JournalId journal, long afterVersion, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(Text(journal.GrainType));
        command.Parameters.Add(Text(journal.Key));
        command.Parameters.Add(Bigint(afterVersion));
        var records = new List<JournalRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(ReadRecord(reader, 0));
        }

        return records;
    }

    public Task<bool> AppendAsync(JournalId journal, long expectedVersion, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken)
    {
        return AppendAsync(new PendingAppend(journal, expectedVersion, records, cancellationToken));
    }

    /// <summary>The pool this journal writes through (a deadline table on the same pool can share its transactions).</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>An append that may carry deadline changes (<see cref="PostgresJournalWithDeadlines"/>).</summary>
    internal Task<bool> AppendAsync(PendingAppend append)
    {
        JournalNumbering.Check(append.ExpectedVersion, append.Records);
        return _appends.AppendAsync(append);
    }

    public async Task<FeedPosition> HeadAsync(string grainType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainType);
        await using var command = _dataSource.CreateCommand(HeadSql);
        command.Parameters.Add(Text(grainType));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new FeedPosition(reader.GetInt64(0), reader.GetInt64(1))
            : FeedPosition.Start;
    }

    /// <summary>Reads the snapshot and the records after it in one statement, batched with other journals' reads (<see cref="JournalReadBatcher"/>).</summary>
    public Task<(JournalSnapshot? Snapshot, IReadOnlyList<JournalRecord> Records)> ReadLatestAsync(JournalId journal, CancellationToken cancellationToken) =>
        _reads.ReadLatestAsync(journal, cancellationToken);

    public async Task<JournalSnapshot?> ReadSnapshotAsync(JournalId journal, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadSnapshotSql);
        command.Parameters.Add(Text(journal.GrainType));
        command.Parameters.Add(Text(journal.Key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new JournalSnapshot(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
            : null;
    }

    public async Task WriteSnapshotAsync(JournalId journal, JournalSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var command = _dataSource.CreateCommand(WriteSnapshotSql);
        command.Parameters.Add(Text(journal.GrainType));
        command.Parameters.Add(Text(journal.Key));
        command.Parameters.Add(Bigint(snapshot.Version));
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = snapshot.State, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedRecord>> ReadAsync(string grainType, FeedPosition after, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainType);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var command = _dataSource.CreateCommand(FeedSql);
        AddFeedPosition(command, grainType, after);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max, NpgsqlDbType = NpgsqlDbType.Integer });
        var records = new List<FeedRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new FeedRecord(
                new FeedPosition(reader.GetInt64(0), reader.GetInt64(1)),
                new JournalId(grainType, reader.GetString(2)),
                ReadRecord(reader, 3)));
        }

        return records;
    }

    /// <summary>
    /// Returns at once when records after <paramref name="after"/> can be read; otherwise when an append to a journal
    /// of <paramref name="grainType"/> commits (in any silo), or after <paramref name="timeout"/> at the latest.
    /// </summary>
    public async Task WaitAsync(string grainType, FeedPosition after, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainType);
        using var timedOut = new CancellationTokenSource(timeout, _time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timedOut.Token);
        try
        {
            // Subscribe before looking, so an append committing in between still wakes this wait.
            var appended = await _listener.SubscribeAsync(grainType, waiting.Token).ConfigureAwait(false);
            var (readable, heldBack) = await ProbeAsync(grainType, after, waiting.Token).ConfigureAwait(false);
            if (readable)
            {
                return;
            }

            var wakeUp = heldBack
                ? Task.WhenAny(appended, Task.Delay(HeldBackRecheckInterval, _time, waiting.Token))
                : appended;
            await wakeUp.WaitAsync(waiting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timedOut.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The timeout passed without an append: a normal end of the wait.
        }
    }

    /// <summary>
    /// Completes once this journal receives append notifications (the listening connection otherwise opens at the first
    /// <see cref="WaitAsync"/>). A wait begun after this has subscribed by the time its call returns.
    /// </summary>
    internal Task StartListeningAsync(CancellationToken cancellationToken) => _listener.StartAsync(cancellationToken);

    /// <summary>Stops taking appends and reads (those queued are completed) and closes the notification connection.</summary>
    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as both interfaces: dispose once.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _appends.DisposeAsync().ConfigureAwait(false);
        await _reads.DisposeAsync().ConfigureAwait(false);
        await _listener.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<(bool Readable, bool HeldBack)> ProbeAsync(string grainType, FeedPosition after, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ProbeSql);
        AddFeedPosition(command, grainType, after);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetBoolean(0), reader.GetBoolean(1));
    }

    private static void AddFeedPosition(NpgsqlCommand command, string grainType, FeedPosition after)
    {
        command.Parameters.Add(Text(grainType));
        command.Parameters.Add(Text(after.Transaction.ToString(CultureInfo.InvariantCulture)));
        command.Parameters.Add(Bigint(after.Sequence));
    }

    /// <summary>A journal record from four columns starting at <paramref name="first"/>: version, recorded at, event type, payload as text.</summary>
    internal static JournalRecord ReadRecord(NpgsqlDataReader reader, int first) =>
        new(
            reader.GetInt64(first),
            reader.GetFieldValue<DateTimeOffset>(first + 1),
            reader.GetString(first + 2),
            Encoding.UTF8.GetBytes(reader.GetString(first + 3)));

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter<long> Bigint(long value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bigint };
}
