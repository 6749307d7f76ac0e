using System.Diagnostics;
using CityActors.Journals;

namespace CityActors.LoadTests.Profiling;

/// <summary>The silo's event journal, timing every call into it for the <see cref="DurableWriteProfile"/>.</summary>
public sealed class TimedEventJournal(IEventJournal inner, DurableWriteProfile profile) : IEventJournal
{
    public Task<IReadOnlyList<JournalRecord>> ReadAsync(JournalId journal, long afterVersion, CancellationToken cancellationToken) =>
        TimeAsync("journal read", inner.ReadAsync(journal, afterVersion, cancellationToken));

    public Task<bool> AppendAsync(JournalId journal, long expectedVersion, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken) =>
        TimeAsync("journal append", inner.AppendAsync(journal, expectedVersion, records, cancellationToken));

    public Task<(JournalSnapshot? Snapshot, IReadOnlyList<JournalRecord> Records)> ReadLatestAsync(JournalId journal, CancellationToken cancellationToken) =>
        TimeAsync("journal replay read", inner.ReadLatestAsync(journal, cancellationToken));

    public Task<JournalSnapshot?> ReadSnapshotAsync(JournalId journal, CancellationToken cancellationToken) =>
        TimeAsync("snapshot read", inner.ReadSnapshotAsync(journal, cancellationToken));

    public async Task WriteSnapshotAsync(JournalId journal, JournalSnapshot snapshot, CancellationToken cancellationToken) =>
        await TimeAsync("snapshot write", AsBool(inner.WriteSnapshotAsync(journal, snapshot, cancellationToken))).ConfigureAwait(false);

    private static async Task<bool> AsBool(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }

    private async Task<T> TimeAsync<T>(string kind, Task<T> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call.ConfigureAwait(false);
        }
        finally
        {
            profile.Record(kind, Stopwatch.GetElapsedTime(started));
        }
    }
}
