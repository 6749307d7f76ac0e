namespace CityActors;

/// <summary>Well-known provider names.</summary>
public static class GrainStorageNames
{
    public const string Default = "Default";
}

/// <summary>
/// Proof that a writer owns a grain's shard: the shard and the lease epoch the owner acquired it at. Clustered storage
/// commits a write only if the shard's current epoch still equals <see cref="Epoch"/>; embedded mode owns every shard
/// at epoch 0.
/// </summary>
public readonly record struct FencingToken(int Shard, long Epoch);

/// <summary>A stored state record: serialized JSON and the ETag that guards the next write.</summary>
public sealed record StoredGrainState(byte[] Data, string ETag);

/// <summary>
/// Durable store for <see cref="IPersistentState{TState}"/>. Providers store opaque bytes; serialization happens in
/// the runtime. Every write and clear is conditional on the ETag and on the fencing token in one atomic step.
/// </summary>
public interface IGrainStorage
{
    Task<StoredGrainState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Writes if the stored ETag equals <paramref name="expectedETag"/> (null: no record may exist) and returns the new ETag.</summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> data, string? expectedETag, FencingToken fence, CancellationToken cancellationToken);

    /// <summary>Deletes the record if its ETag equals <paramref name="expectedETag"/>.</summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task ClearAsync(string stateName, GrainId grainId, string? expectedETag, FencingToken fence, CancellationToken cancellationToken);
}

/// <summary>A grain's view of one named durable state, loaded before <see cref="Grain.OnActivateAsync"/>.</summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }

    /// <summary>The ETag of the stored record this state was read from or last written as; null if none.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/>; when it returns, the write is durable in the provider.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
