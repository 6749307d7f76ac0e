namespace CityActors.Journals;

/// <summary>In-process journals for embedded mode and tests, with the same version checks as the durable provider and a feed per grain type.</summary>
/// <param name="time">The silo's clock: a feed wait without appends ends after its timeout on this clock.</param>
public sealed class MemoryEventJournal(TimeProvider time) : IEventJournal, IJournalFeed
{
    private readonly Lock _lock = new();
    private readonly Dictionary<JournalId, List<JournalRecord>> _journals = [];
    private readonly Dictionary<JournalId, JournalSnapshot> _snapshots = [];
    private readonly Dictionary<string, List<FeedRecord>> _feeds = new(StringComparer.Ordinal);
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    public Task<IReadOnlyList<JournalRecord>> ReadAsync(JournalId journal, long afterVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<JournalRecord> records = _journals.TryGetValue(journal, out var list)
                ? list.Where(r => r.Version > afterVersion).ToList()
                : [];
            return Task.FromResult(records);
        }
    }

    public Task<bool> AppendAsync(JournalId journal, long expectedVersion, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        JournalNumbering.Check(expectedVersion, records);
        lock (_lock)
        {
            var list = _journals.TryGetValue(journal, out var existing) ? existing : _journals[journal] = [];
            if (list.Count != expectedVersion)
            {
                return Task.FromResult(JournalNumbering.AlreadyHolds(list, expectedVersion, records));
            }

            list.AddRange(records);
            var feed = _feeds.TryGetValue(journal.GrainType, out var typeFeed) ? typeFeed : _feeds[journal.GrainType] = [];
            foreach (var record in records)
            {
                feed.Add(new FeedRecord(new FeedPosition(0, ++_sequence), journal, record));
            }

            var appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            appended.SetResult();
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<FeedRecord>> ReadAsync(string grainType, FeedPosition after, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        lock (_lock)
        {
            if (!_feeds.TryGetValue(grainType, out var feed))
            {
                return Task.FromResult<IReadOnlyList<FeedRecord>>([]);
            }

            // Positions are dense per store but shared by all types: find the first record after the checkpoint.
            var start = feed.BinarySearch(new FeedRecord(after, default, null!), FeedOrder.Instance);
            start = start < 0 ? ~start : start + 1;
            return Task.FromResult<IReadOnlyList<FeedRecord>>(feed.GetRange(start, Math.Min(max, feed.Count - start)));
        }
    }

    public Task<FeedPosition> HeadAsync(string grainType, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_feeds.TryGetValue(grainType, out var feed) && feed.Count > 0 ? feed[^1].Position : FeedPosition.Start);
        }
    }

    public async Task WaitAsync(string grainType, FeedPosition after, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task appended;
        lock (_lock)
        {
            if (_feeds.TryGetValue(grainType, out var feed) && feed.Count > 0 && feed[^1].Position > after)
            {
                return;
            }

            appended = _appended.Task;
        }

        await appended.WaitAsync(timeout, time, cancellationToken)
            .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
            .ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    public Task<JournalSnapshot?> ReadSnapshotAsync(JournalId journal, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_snapshots.GetValueOrDefault(journal));
        }
    }

    public Task WriteSnapshotAsync(JournalId journal, JournalSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            if (!_snapshots.TryGetValue(journal, out var current) || current.Version < snapshot.Version)
            {
                _snapshots[journal] = snapshot;
            }

            return Task.CompletedTask;
        }
    }

    private sealed class FeedOrder : IComparer<FeedRecord>
    {
        public static readonly FeedOrder Instance = new();

        public int Compare(FeedRecord? x, FeedRecord? y) => x!.Position.CompareTo(y!.Position);
    }
}
