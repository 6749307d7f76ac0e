using System.Text.Json;

namespace CityActors.Journals;

/// <summary>
/// Reads and appends one journaled grain's events as JSON: replay from the latest snapshot, append with the expected
/// version, and a snapshot every <see cref="SnapshotInterval"/> events so replay stays short. What a grain's
/// custom log-consistency storage calls; no Orleans types, so it is testable on its own.
/// </summary>
/// <param name="journal">Where the events live.</param>
/// <param name="json">The events' and snapshots' JSON contract (stored forever: add properties, never rename).</param>
/// <param name="apply">Applies one event to a state; deterministic, as replay calls it again.</param>
/// <param name="copy">A deep copy of a state (snapshots are taken of a copy so the caller's state is never touched).</param>
public sealed class JournaledState<TState, TEvent>(IEventJournal journal, JsonSerializerOptions json, Action<TState, TEvent> apply, Func<TState, TState> copy)
    where TState : class, new()
    where TEvent : class
{
    /// <summary>Told when a snapshot could not be written (the append itself had committed).</summary>
    public Action<JournalId, Exception>? SnapshotFailed { get; init; }

    /// <summary>Events between snapshots; 0 disables snapshots.</summary>
    public int SnapshotInterval { get; init; } = 100;

    /// <summary>The state as of the journal's last event, and that event's version.</summary>
    public async Task<(long Version, TState State)> ReadAsync(JournalId id, CancellationToken cancellationToken = default)
    {
        var (snapshot, records) = await journal.ReadLatestAsync(id, cancellationToken).ConfigureAwait(false);
        var state = snapshot is null ? new TState() : Deserialize<TState>(id, snapshot.State, snapshot.Version);
        var version = snapshot?.Version ?? 0;
        foreach (var record in records)
        {
            apply(state, Deserialize<TEvent>(id, record.Payload, record.Version));
            version = record.Version;
        }

        return (version, state);
    }

    /// <summary>Every event of the journal with the time it was recorded.</summary>
    public async Task<IReadOnlyList<(long Version, DateTimeOffset RecordedAt, TEvent Event)>> ReadEventsAsync(JournalId id, CancellationToken cancellationToken = default)
    {
        var records = await journal.ReadAsync(id, 0, cancellationToken).ConfigureAwait(false);
        return [.. records.Select(r => (r.Version, r.Timestamp, Deserialize<TEvent>(id, r.Payload, r.Version)))];
    }

    /// <summary>
    /// Appends <paramref name="events"/> after <paramref name="expectedVersion"/>; false (nothing written) when the
    /// journal has moved on. <paramref name="stateBefore"/> is the state at <paramref name="expectedVersion"/>, used
    /// only to write a snapshot when the append crosses a snapshot boundary.
    /// </summary>
    public Task<bool> AppendAsync(JournalId id, long expectedVersion, IReadOnlyList<TEvent> events, TState stateBefore, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        AppendAsync(id, expectedVersion, events, stateBefore, now, journal.AppendAsync, cancellationToken);

    /// <summary>
    /// Appends as the other overload does, through <paramref name="append"/> in place of the journal's own append: for
    /// an append that carries more in its transaction (deadline changes). It must keep
    /// <see cref="IEventJournal.AppendAsync"/>'s contract.
    /// </summary>
    public async Task<bool> AppendAsync(JournalId id, long expectedVersion, IReadOnlyList<TEvent> events, TState stateBefore, DateTimeOffset now, JournalAppend append, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(append);
        if (events.Count == 0)
        {
            return true;
        }

        var records = new JournalRecord[events.Count];
        for (var i = 0; i < records.Length; i++)
        {
            var @event = events[i];
            records[i] = new JournalRecord(expectedVersion + i + 1, now, @event.GetType().Name, JsonSerializer.SerializeToUtf8Bytes(@event, json));
        }

        if (!await append(id, expectedVersion, records, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var version = expectedVersion + records.Length;
        if (SnapshotInterval > 0 && version / SnapshotInterval > expectedVersion / SnapshotInterval)
        {
            var state = copy(stateBefore);
            foreach (var @event in events)
            {
                apply(state, @event);
            }

            try
            {
                await journal.WriteSnapshotAsync(id, new JournalSnapshot(version, JsonSerializer.SerializeToUtf8Bytes(state, json)), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The events are committed, so the append succeeded; a missing snapshot only makes the next replay longer.
                SnapshotFailed?.Invoke(id, ex);
            }
        }

        return true;
    }

    private T Deserialize<T>(JournalId id, byte[] payload, long version) =>
        JsonSerializer.Deserialize<T>(payload, json)
        ?? throw new InvalidOperationException($"Journal {id} holds a null {typeof(T).Name} at version {version}.");
}
