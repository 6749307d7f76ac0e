namespace CityActors.Runtime.Journal;

/// <summary>In-process journal for embedded mode and tests, with the same version checks as the durable provider.</summary>
public sealed class MemoryJournalStorage : IJournalStorage
{
    private readonly object _lock = new();
    private readonly Dictionary<GrainId, List<JournalRecord>> _journals = [];
    private readonly Dictionary<GrainId, JournalSnapshot> _snapshots = [];

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
            return Task.CompletedTask;
        }
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
