using System.Text.Json;
using CityActors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors;

/// <summary>A confirmed event with the metadata the journal recorded for it.</summary>
public sealed record JournalEntry<TEvent>(long Version, DateTimeOffset Timestamp, TEvent Event);

/// <summary>
/// An event-sourced grain: state changes only by raising events, which are applied at once by
/// <see cref="TransitionState"/> and made durable by <see cref="ConfirmEvents"/>. On activation the state is rebuilt
/// from the latest snapshot plus the events after it. The journal is the complete history of the grain.
/// </summary>
/// <remarks>Events are serialized as <typeparamref name="TEvent"/>; give a polymorphic event base [JsonDerivedType] attributes.</remarks>
public abstract class JournaledGrain<TState, TEvent> : Grain
    where TState : class, new()
    where TEvent : class
{
    private readonly List<TEvent> _unconfirmed = [];
    private IJournalStorage? _storage;
    private JsonSerializerOptions? _json;

    /// <summary>The state with every raised event applied, confirmed or not.</summary>
    protected TState State { get; private set; } = new();

    /// <summary>Number of events applied to <see cref="State"/>.</summary>
    protected long Version => ConfirmedVersion + _unconfirmed.Count;

    /// <summary>Number of events durably in the journal.</summary>
    protected long ConfirmedVersion { get; private set; }

    protected IReadOnlyList<TEvent> UnconfirmedEvents => _unconfirmed;

    /// <summary>Events between snapshots; 0 disables snapshots.</summary>
    protected virtual int SnapshotInterval => 100;

    private IJournalStorage Storage => _storage ??= ServiceProvider.GetRequiredService<IJournalStorage>();

    private JsonSerializerOptions Json => _json ??= ServiceProvider.GetRequiredService<GrainJsonOptions>().Options;

    /// <summary>Applies <paramref name="event"/> to <paramref name="state"/>. Must be deterministic: replay calls it again.</summary>
    protected abstract void TransitionState(TState state, TEvent @event);

    protected void RaiseEvent(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        TransitionState(State, @event);
        _unconfirmed.Add(@event);
    }

    protected void RaiseEvents(IEnumerable<TEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var @event in events)
        {
            RaiseEvent(@event);
        }
    }

    /// <summary>
    /// Appends the unconfirmed events atomically. On failure (for example a version conflict) the unconfirmed events
    /// are discarded, the state is rebuilt from the journal, and the exception propagates.
    /// </summary>
    protected async Task ConfirmEvents(CancellationToken cancellationToken = default)
    {
        if (_unconfirmed.Count == 0)
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        var records = new JournalRecord[_unconfirmed.Count];
        for (var i = 0; i < records.Length; i++)
        {
            var @event = _unconfirmed[i];
            records[i] = new JournalRecord(ConfirmedVersion + i + 1, now, @event.GetType().Name, JsonSerializer.SerializeToUtf8Bytes(@event, Json));
        }

        try
        {
            await Storage.AppendAsync(GrainId, ConfirmedVersion, records, Activation.Fence, cancellationToken);
        }
        catch
        {
            await ReplayAsync(cancellationToken);
            throw;
        }

        var previous = ConfirmedVersion;
        ConfirmedVersion += records.Length;
        _unconfirmed.Clear();
        if (SnapshotInterval > 0 && ConfirmedVersion / SnapshotInterval > previous / SnapshotInterval)
        {
            await WriteSnapshotAsync(cancellationToken);
        }
    }

    /// <summary>Raises one event and confirms it.</summary>
    protected Task RaiseAndConfirm(TEvent @event, CancellationToken cancellationToken = default)
    {
        RaiseEvent(@event);
        return ConfirmEvents(cancellationToken);
    }

    /// <summary>The confirmed events with versions in (<paramref name="afterVersion"/>, <paramref name="toVersion"/>].</summary>
    protected async Task<IReadOnlyList<JournalEntry<TEvent>>> RetrieveConfirmedEvents(long afterVersion = 0, long toVersion = long.MaxValue, CancellationToken cancellationToken = default)
    {
        var records = await Storage.ReadAsync(GrainId, afterVersion, cancellationToken);
        return records.Where(r => r.Version <= toVersion)
            .Select(r => new JournalEntry<TEvent>(r.Version, r.Timestamp, Deserialize<TEvent>(r.Payload, r.Version)))
            .ToList();
    }

    internal override Task OnActivatingAsync(CancellationToken cancellationToken) => ReplayAsync(cancellationToken);

    private async Task ReplayAsync(CancellationToken cancellationToken)
    {
        _unconfirmed.Clear();
        var snapshot = await Storage.ReadSnapshotAsync(GrainId, cancellationToken);
        var state = snapshot is null ? new TState() : Deserialize<TState>(snapshot.State, snapshot.Version);
        var version = snapshot?.Version ?? 0;
        foreach (var record in await Storage.ReadAsync(GrainId, version, cancellationToken))
        {
            TransitionState(state, Deserialize<TEvent>(record.Payload, record.Version));
            version = record.Version;
        }

        State = state;
        ConfirmedVersion = version;
    }

    private async Task WriteSnapshotAsync(CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = new JournalSnapshot(ConfirmedVersion, JsonSerializer.SerializeToUtf8Bytes(State, Json));
            await Storage.WriteSnapshotAsync(GrainId, snapshot, Activation.Fence, cancellationToken);
        }
        catch (Exception ex)
        {
            // The events are committed; a missing snapshot only makes the next replay longer.
            Activation.Catalog.Log.SnapshotFailed(ex, GrainId, ConfirmedVersion);
        }
    }

    private T Deserialize<T>(byte[] payload, long version) =>
        JsonSerializer.Deserialize<T>(payload, Json)
        ?? throw new InvalidOperationException($"Journal of grain {GrainId} holds a null {typeof(T).Name} at version {version}.");
}
