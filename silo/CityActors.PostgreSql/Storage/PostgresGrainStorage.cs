using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace CityActors.PostgreSql.Storage;

/// <summary>
/// Orleans grain storage in PostgreSQL: one jsonb row per grain and state name in grain_state, its version the ETag.
/// Writes and clears are group-committed (<see cref="StateWriteBatcher"/>): many callers share one statement, each
/// row keeps its own ETag check in that statement, and each caller is answered after the commit. A stale ETag fails
/// only its own caller, with <see cref="InconsistentStateException"/>. Reads are batched the same way.
/// </summary>
/// <remarks>
/// Clearing keeps a tombstone row and leaves the grain an ETag for it (see schema script 003), so a later write
/// continues the version sequence. States are System.Text.Json documents (<see cref="PostgresGrainStorageOptions.JsonSerializerOptions"/>).
/// </remarks>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    private readonly string _name;
    private readonly JsonSerializerOptions _json;
    private readonly IActivatorProvider _activators;
    private readonly StateReadBatcher _reads;
    private readonly StateWriteBatcher _writes;
    private int _disposed;

    /// <param name="name">The provider name grains use in <c>[PersistentState(stateName, name)]</c>, for messages.</param>
    /// <param name="options">This provider's settings.</param>
    /// <param name="dataSource">The silo's pool for <see cref="PostgresGrainStorageOptions.ConnectionString"/>.</param>
    /// <param name="activators">Creates empty states, as Orleans does for a grain without a stored record.</param>
    /// <param name="logger">Where failed batches are reported.</param>
    public PostgresGrainStorage(string name, PostgresGrainStorageOptions options, NpgsqlDataSource dataSource, IActivatorProvider activators, ILogger<PostgresGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataSource);
        _name = name;
        _json = options.JsonSerializerOptions;
        _activators = activators;
        _reads = new StateReadBatcher(dataSource, options.ConcurrentReadBatches, options.MaxBatchSize, logger);
        _writes = new StateWriteBatcher(dataSource, options.ConcurrentWriteBatches, options.MaxBatchSize, logger);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateKey.Of(grainId, stateName);
        var stored = await _reads.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        grainState.ETag = stored is null ? null : StateETag.Format(stored.Version);
        if (stored?.Json is null)
        {
            grainState.State = CreateEmpty<T>();
            grainState.RecordExists = false;
            return;
        }

        grainState.State = Deserialize<T>(stored.Json, key) ?? CreateEmpty<T>();
        grainState.RecordExists = true;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateKey.Of(grainId, stateName);
        var expected = StateETag.Parse(grainState.ETag, key);
        var json = JsonSerializer.Serialize(grainState.State, _json);
        var outcome = await _writes.WriteAsync(key, expected, json, cancellationToken).ConfigureAwait(false);
        grainState.ETag = Accepted(outcome, key, grainState.ETag, "write");
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateKey.Of(grainId, stateName);
        var expected = StateETag.Parse(grainState.ETag, key);
        var outcome = await _writes.WriteAsync(key, expected, json: null, cancellationToken).ConfigureAwait(false);
        grainState.ETag = Accepted(outcome, key, grainState.ETag, "clear");
        grainState.State = CreateEmpty<T>();
        grainState.RecordExists = false;
    }

    /// <summary>Stops taking reads and writes; those already queued are completed first.</summary>
    public async ValueTask DisposeAsync()
    {
        // Orleans registers the default provider a second time under the unkeyed service; dispose once.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writes.DisposeAsync().ConfigureAwait(false);
        await _reads.DisposeAsync().ConfigureAwait(false);
    }

    private string Accepted(StateWriteOutcome outcome, GrainStateKey key, string? held, string operation)
    {
        if (outcome.Written is { } version)
        {
            return StateETag.Format(version);
        }

        var stored = outcome.Stored is { } current ? StateETag.Format(current) : null;
        throw new InconsistentStateException(
            $"The {operation} of state {key} in grain storage '{_name}' was refused: another writer changed it. "
            + $"This activation holds ETag {held ?? "(none: no record)"}, the store holds {stored ?? "no record"}. Nothing was written.",
            stored,
            held);
    }

    private T? Deserialize<T>(string json, GrainStateKey key)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, _json);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Stored state {key} in grain storage '{_name}' cannot be read as {typeof(T).FullName}: {ex.Message}", ex);
        }
    }

    private T CreateEmpty<T>() => _activators.GetActivator<T>().Create();
}
