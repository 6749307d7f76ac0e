using System.Collections.Concurrent;
using System.Text;
using CityActors.Deadlines;
using CityActors.Journals;

namespace CityActors.LoadTests.Profiling;

/// <summary>One command's durable part as the case grain committed it: its journal records and its deadline changes.</summary>
public sealed record RecordedCommit(
    IReadOnlyList<(string EventType, string Payload)> Records,
    IReadOnlyList<(string Name, DateTimeOffset? Due)> DeadlineChanges);

/// <summary>
/// The commits of the first <c>maxCases</c> cases begun during a run, each case's in order, for the raw baseline to
/// replay command by command. Only commits that were appended count; a case is taken from its first append on.
/// </summary>
public sealed class RecordedCommits(int maxCases)
{
    private readonly ConcurrentDictionary<JournalId, List<RecordedCommit>> _byCase = new();
    private int _cases;

    public void Record(JournalId journal, long expectedVersion, IReadOnlyList<JournalRecord> records, IReadOnlyList<DeadlineChange> deadlineChanges)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(deadlineChanges);
        List<RecordedCommit>? commits;
        if (expectedVersion == 0)
        {
            if (Volatile.Read(ref _cases) >= maxCases || Interlocked.Increment(ref _cases) > maxCases)
            {
                return;
            }

            commits = _byCase.GetOrAdd(journal, _ => []);
        }
        else if (!_byCase.TryGetValue(journal, out commits))
        {
            return;
        }

        var commit = new RecordedCommit(
            [.. records.Select(r => (r.EventType, Encoding.UTF8.GetString(r.Payload)))],
            [.. deadlineChanges.Select(c => (c.Key.Name, c.Due))]);
        lock (commits)
        {
            commits.Add(commit);
        }
    }

    /// <summary>Each recorded case's commits in the order they were appended.</summary>
    public IReadOnlyList<IReadOnlyList<RecordedCommit>> Cases() =>
        [.. _byCase.Values.Select(commits =>
        {
            lock (commits)
            {
                return (IReadOnlyList<RecordedCommit>)[.. commits];
            }
        })];
}
