namespace CityActors.Runtime.Journal;

/// <summary>In-process journal for embedded mode and tests, with the same version checks as the durable provider and a feed per grain type.</summary>
/// <param name="time">The silo's clock: a feed wait without appends ends after its timeout on this clock.</param>
public sealed class MemoryJournalStorage(TimeProvider time) : IJournalStorage, IJournalFeed
{
    private readonly object _lock = new();
    private readonly Dictionary<GrainId, List<JournalRecord>> _journals = [];
    private readonly Dictionary<GrainId, JournalSnapshot> _snapshots = [];
    private readonly Dictionary<string, List<FeedRecord>> _feeds = new(StringComparer.Ordinal);
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    public Task<IReadOnlyList<JournalRecord>> ReadAsync(GrainId grainId, long afterVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<JournalRecord> records = _journals.TryGetValue(grainId, out var journal)
                ? journal.Where(r => r.Version > afterVersion).ToList()
                : [];
            return Task.FromResult(records);
        }
    }

    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalRecord> records, FencingToken fence, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var journal = _journals.TryGetValue(grainId, out var existing) ? existing : _journals[grainId] = [];
            if (journal.Count != expectedVersion)
            {
                return Task.FromException(new InconsistentStateException(
                    $"Journal of grain {grainId} is at version {journal.Count}; the append expected version {expectedVersion}."));
            }

            for (var i = 0; i < records.Count; i++)
            {
                if (records[i].Version != expectedVersion + i + 1)
                {
                    return Task.FromException(new ArgumentException(
                        $"Journal records must be numbered {expectedVersion + 1}..{expectedVersion + records.Count}; record {i} has version {records[i].Version}.", nameof(records)));
                }
            }

            journal.AddRange(records);
            var feed = _feeds.TryGetValue(grainId.Type, out var list) ? list : _feeds[grainId.Type] = [];
            foreach (var record in records)
            {
                feed.Add(new FeedRecord(new FeedPosition(0, ++_sequence), grainId, record));
            }

            var appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            appended.SetResult();
            return Task.CompletedTask;
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

        await appended.WaitAsync(timeout, time, cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private sealed class FeedOrder : IComparer<FeedRecord>
    {
        public static readonly FeedOrder Instance = new();

        public int Compare(FeedRecord? x, FeedRecord? y) => x!.Position.CompareTo(y!.Position);
    }

    public Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_snapshots.GetValueOrDefault(grainId));
        }
    }

    public Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, FencingToken fence, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_snapshots.TryGetValue(grainId, out var current) || current.Version < snapshot.Version)
            {
                _snapshots[grainId] = snapshot;
            }

            return Task.CompletedTask;
        }
    }
}
