using System.Collections.Concurrent;
using System.Globalization;

namespace CityActors.Runtime.Storage;

/// <summary>
/// In-process grain storage for embedded mode and tests. It keeps serialized copies, so a grain that mutates its state
/// after writing cannot change what is stored, and it enforces ETags exactly like the durable providers.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), StoredGrainState> _records = new();
    private long _nextETag;

    public Task<StoredGrainState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_records.TryGetValue((stateName, grainId), out var stored) ? stored : null);
    }

    public Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> data, string? expectedETag, FencingToken fence, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = (stateName, grainId);
        var etag = Interlocked.Increment(ref _nextETag).ToString(CultureInfo.InvariantCulture);
        var record = new StoredGrainState(data.ToArray(), etag);
        var committed = expectedETag is null
            ? _records.TryAdd(key, record)
            : _records.TryGetValue(key, out var current) && current.ETag == expectedETag && _records.TryUpdate(key, record, current);
        return committed ? Task.FromResult(etag) : Task.FromException<string>(Conflict(stateName, grainId, expectedETag, "write"));
    }

    public Task ClearAsync(string stateName, GrainId grainId, string? expectedETag, FencingToken fence, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = (stateName, grainId);
        if (!_records.TryGetValue(key, out var current))
        {
            return expectedETag is null ? Task.CompletedTask : Task.FromException(Conflict(stateName, grainId, expectedETag, "clear"));
        }

        return current.ETag == expectedETag && _records.TryRemove(KeyValuePair.Create(key, current))
            ? Task.CompletedTask
            : Task.FromException(Conflict(stateName, grainId, expectedETag, "clear"));
    }

    private InconsistentStateException Conflict(string stateName, GrainId grainId, string? expectedETag, string operation)
    {
        var stored = _records.TryGetValue((stateName, grainId), out var current) ? $"'{current.ETag}'" : "no record";
        return new InconsistentStateException(
            $"ETag conflict on {operation} of state '{stateName}' for grain {grainId}: expected {(expectedETag is null ? "no record" : $"'{expectedETag}'")}, store has {stored}.");
    }
}
