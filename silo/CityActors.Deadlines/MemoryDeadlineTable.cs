namespace CityActors.Deadlines;

/// <summary>
/// The deadline table in process memory, for embedded mode (one silo, nothing survives the process) and tests. Same
/// contract as the durable table: atomic batches, window reads per shard in due order through a sorted index, and
/// conditional deletes of fired deadlines.
/// </summary>
public sealed class MemoryDeadlineTable : IDeadlineTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<DeadlineKey, Row> _rows = [];
    private readonly Dictionary<int, SortedSet<Row>> _byShard = [];

    // Breaks ties between rows with the same due instant in the sorted index.
    private long _sequence;

    /// <summary>Pending deadlines in the table.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _rows.Count;
            }
        }
    }

    public Task<IReadOnlyList<DateTimeOffset?>> ApplyAsync(IReadOnlyList<DeadlineChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        cancellationToken.ThrowIfCancellationRequested();
        var previous = new DateTimeOffset?[changes.Count];
        lock (_lock)
        {
            for (var i = 0; i < changes.Count; i++)
            {
                var change = changes[i];
                if (_rows.Remove(change.Key, out var old))
                {
                    previous[i] = old.Due;
                    _byShard[old.Shard].Remove(old);
                }

                if (change.Due is { } due)
                {
                    var row = new Row(change.Key, change.Shard, due, ++_sequence);
                    _rows[change.Key] = row;
                    Index(change.Shard).Add(row);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<DateTimeOffset?>>(previous);
    }

    public Task<IReadOnlyList<DeadlineEntry>> ReadDueAsync(int shard, DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_byShard.TryGetValue(shard, out var index) || index.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<DeadlineEntry>>([]);
            }

            var due = new List<DeadlineEntry>();
            foreach (var row in index)
            {
                if (row.Due >= dueBefore)
                {
                    break;
                }

                due.Add(new DeadlineEntry(row.Key, row.Due));
            }

            return Task.FromResult<IReadOnlyList<DeadlineEntry>>(due);
        }
    }

    public Task<IReadOnlyList<DeadlineEntry>> ReadAsync(IReadOnlyCollection<DeadlineKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var found = new List<DeadlineEntry>(keys.Count);
            foreach (var key in keys)
            {
                if (_rows.TryGetValue(key, out var row))
                {
                    found.Add(new DeadlineEntry(key, row.Due));
                }
            }

            return Task.FromResult<IReadOnlyList<DeadlineEntry>>(found);
        }
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> ReadGrainAsync(GrainId grain, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            // A scan: embedded mode holds few deadlines, and this is only asked when a grain reconciles after a restart.
            var byName = _rows.Values.Where(r => r.Key.Grain == grain).ToDictionary(r => r.Key.Name, r => r.Due, StringComparer.Ordinal);
            return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(byName);
        }
    }

    public Task<IReadOnlyList<DeadlineEntry>> DeleteFiredAsync(IReadOnlyList<DeadlineEntry> fired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fired);
        cancellationToken.ThrowIfCancellationRequested();
        var moved = new List<DeadlineEntry>();
        lock (_lock)
        {
            foreach (var entry in fired)
            {
                if (!_rows.TryGetValue(entry.Key, out var row))
                {
                    continue;
                }

                if (row.Due == entry.Due)
                {
                    _rows.Remove(entry.Key);
                    _byShard[row.Shard].Remove(row);
                }
                else
                {
                    moved.Add(new DeadlineEntry(entry.Key, row.Due));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<DeadlineEntry>>(moved);
    }

    private SortedSet<Row> Index(int shard)
    {
        if (!_byShard.TryGetValue(shard, out var index))
        {
            index = new SortedSet<Row>(RowOrder.Instance);
            _byShard[shard] = index;
        }

        return index;
    }

    private sealed record Row(DeadlineKey Key, int Shard, DateTimeOffset Due, long Sequence);

    /// <summary>Due order, then insertion order: the (shard, due) index of the durable table.</summary>
    private sealed class RowOrder : IComparer<Row>
    {
        public static readonly RowOrder Instance = new();

        public int Compare(Row? x, Row? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var byDue = x.Due.CompareTo(y.Due);
            return byDue != 0 ? byDue : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
