using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Profiling;

/// <summary>
/// Where a case command's durable work goes: the time each call into the event journal and the deadline service
/// took, by kind, as seen by the case grain (queueing for the group commit included). "command commit" is a
/// command's journal append with its deadline changes (one transaction on PostgreSQL; in embedded mode a journal
/// append and deadline writes, also listed on their own). Filled by <see cref="TimedJournalWithDeadlines"/>,
/// <see cref="TimedEventJournal"/> and <see cref="TimedDeadlines"/>; read once the load has stopped.
/// </summary>
public sealed class DurableWriteProfile : IDisposable
{
    public static readonly IReadOnlyList<string> Kinds =
        ["command commit", "journal append", "journal replay read", "journal read", "snapshot read", "snapshot write", "deadline set", "deadline cancel", "deadline read"];

    private readonly LatencyRecorder[] _byKind = [.. Kinds.Select(_ => new LatencyRecorder())];

    public void Record(string kind, TimeSpan duration) => _byKind[IndexOf(kind)].Record(duration);

    /// <summary>Per kind: how many calls, their mean and p99 in microseconds.</summary>
    public IReadOnlyList<(string Kind, long Calls, double MeanMicroseconds, double P99Microseconds)> Summarize() =>
        [.. Kinds.Select((kind, i) =>
        {
            var histogram = _byKind[i].Snapshot();
            return (kind, histogram.Count, histogram.MeanNanoseconds / 1e3, histogram.Percentile(99) / 1e3);
        })];

    public void Dispose()
    {
        foreach (var recorder in _byKind)
        {
            recorder.Dispose();
        }
    }

    private static int IndexOf(string kind)
    {
        for (var i = 0; i < Kinds.Count; i++)
        {
            if (ReferenceEquals(Kinds[i], kind) || Kinds[i] == kind)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a profiled kind.");
    }
}
