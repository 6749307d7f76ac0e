using System.Globalization;

namespace CityActors.Runtime.Reminders;

/// <summary>In-process reminder table for embedded mode and tests; same conditional semantics as the durable one.</summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly object _lock = new();
    private readonly Dictionary<(GrainId Grain, string Name), ReminderEntry> _entries = [];
    private long _nextETag;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(int shardCount, IReadOnlySet<int>? shards, DateTimeOffset dueFrom, DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> result = _entries.Values
                .Where(e => e.NextDue >= dueFrom && e.NextDue < dueBefore && (shards is null || shards.Contains(e.GrainId.GetShard(shardCount))))
                .ToList();
            return Task.FromResult(result);
        }
    }

    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.GetValueOrDefault((grainId, name)));
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> result = _entries.Values.Where(e => e.GrainId == grainId).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            return Task.FromResult(result);
        }
    }

    public Task<string> UpsertAsync(ReminderEntry entry, FencingToken fence, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var etag = NewETag();
            _entries[(entry.GrainId, entry.Name)] = entry with { ETag = etag };
            return Task.FromResult(etag);
        }
    }

    public Task<string?> TryUpdateAsync(ReminderEntry entry, string expectedETag, FencingToken fence, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (entry.GrainId, entry.Name);
            if (!_entries.TryGetValue(key, out var current) || current.ETag != expectedETag)
            {
                return Task.FromResult<string?>(null);
            }

            var etag = NewETag();
            _entries[key] = entry with { ETag = etag };
            return Task.FromResult<string?>(etag);
        }
    }

    public Task<bool> RemoveAsync(GrainId grainId, string name, string? expectedETag, FencingToken fence, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (grainId, name);
            var removed = _entries.TryGetValue(key, out var current)
                && (expectedETag is null || current.ETag == expectedETag)
                && _entries.Remove(key);
            return Task.FromResult(removed);
        }
    }

    private string NewETag() => (++_nextETag).ToString(CultureInfo.InvariantCulture);
}
