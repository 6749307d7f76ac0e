using System.Text.Json;

namespace CityActors.Runtime.Storage;

/// <summary>Everything a state object needs besides its identity: its name, the serializer and the activation's fence.</summary>
internal sealed record GrainStateContext(string StateName, JsonSerializerOptions Json, Func<FencingToken> Fence);

/// <summary>Loaded by the activation before OnActivateAsync.</summary>
internal interface IPersistentStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// JSON-serialized state behind <see cref="IGrainStorage"/>. Awaits stay on the grain's turn (no ConfigureAwait(false))
/// because callers mutate grain fields right after.
/// </summary>
internal sealed class PersistentState<TState>(GrainId grainId, IGrainStorage storage, GrainStateContext context)
    : IPersistentState<TState>, IPersistentStateLoader
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await storage.ReadAsync(context.StateName, grainId, cancellationToken);
        if (stored is null)
        {
            State = new();
            Etag = null;
            RecordExists = false;
            return;
        }

        State = Deserialize(stored.Data);
        Etag = stored.ETag;
        RecordExists = true;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(State, context.Json);
        Etag = await storage.WriteAsync(context.StateName, grainId, data, Etag, context.Fence(), cancellationToken);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearAsync(context.StateName, grainId, Etag, context.Fence(), cancellationToken);
        State = new();
        Etag = null;
        RecordExists = false;
    }

    private TState Deserialize(byte[] data)
    {
        try
        {
            return JsonSerializer.Deserialize<TState>(data, context.Json) ?? new();
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(
                $"Stored state '{context.StateName}' of grain {grainId} cannot be read as {typeof(TState).Name}: {ex.Message}", ex);
        }
    }
}
