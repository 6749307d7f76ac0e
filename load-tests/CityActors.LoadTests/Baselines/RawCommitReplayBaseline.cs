using CityActors.Deadlines;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;
using CityActors.LoadTests.Profiling;
using Npgsql;

namespace CityActors.LoadTests.Baselines;

/// <summary>
/// What the durable part of the case commands of a run costs without Orleans, batching or a decision: each command's
/// commit replayed as it was recorded (<see cref="RecordedCommits"/>), its journal records inserted and its deadline
/// changes applied (set or cancelled) in one statement (one round trip, one transaction), into the cluster's own
/// grain_journal and deadline tables (same indexes, same feed trigger), from the same number of callers through a
/// bounded pool. Each caller replays whole recorded cases, command after command, under keys of its own, so every
/// cancellation finds the deadline its case set. Deadlines are moved a day ahead so no shard would fire them. Rows go
/// under their own grain type, which the case projection does not read.
/// </summary>
public static class RawCommitReplayBaseline
{
    public const string GrainType = "raw-commit";

    private const string Statement = """
        with appended as (
            insert into grain_journal (grain_type, grain_key, version, recorded_at, event_type, payload)
            select $1, $2, version, now(), event_type, payload::jsonb
            from unnest($3::bigint[], $4::text[], $5::text[]) as r(version, event_type, payload)),
        cancelled as (
            delete from deadline d using unnest($6::text[]) as c(name)
            where d.grain_type = $1 and d.grain_key = $2 and d.name = c.name),
        set as (
            insert into deadline (grain_type, grain_key, name, shard, due)
            select $1, $2, name, $7, due from unnest($8::text[], $9::timestamptz[]) as s(name, due)
            on conflict (grain_type, grain_key, name) do update set due = excluded.due)
        select 1
        """;

    public static async Task<LoadResult> RunAsync(
        string connectionString, IReadOnlyList<IReadOnlyList<RecordedCommit>> cases, int shardCount, int callers, TimeSpan warmup, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count == 0 || cases.Any(c => c.Count == 0))
        {
            throw new ArgumentException("No recorded commits to replay.", nameof(cases));
        }

        await using var dataSource = BenchmarkDatabase.BoundedPool(connectionString, BaselinePool.SizeFor(callers));
        var replays = new CaseReplay[callers];
        return await LoadRun.RunAsync(callers, warmup, duration, async (caller, n) =>
        {
            var replay = replays[caller] ??= new CaseReplay(caller);
            var (key, version, commit) = replay.Next(cases, callers);
            var set = commit.DeadlineChanges.Where(c => c.Due is not null).ToList();
            await using var command = dataSource.CreateCommand(Statement);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainType });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. commit.Records.Select((_, i) => version + i + 1)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. commit.Records.Select(r => r.EventType)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. commit.Records.Select(r => r.Payload)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. commit.DeadlineChanges.Where(c => c.Due is null).Select(c => c.Name)] });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = DeadlineSharding.ShardOf(GrainId.Create(GrainType, key), shardCount) });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. set.Select(c => c.Name)] });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. set.Select(c => c.Due!.Value.AddDays(1))] });
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>One caller's place in the replay: which recorded case, which of its commits, under which key.</summary>
    private sealed class CaseReplay(int caller)
    {
        private readonly string _caller = caller.ToString(System.Globalization.CultureInfo.InvariantCulture);
        private int _case = caller;
        private int _commit;
        private long _version;
        private long _replayed;

        public (string Key, long Version, RecordedCommit Commit) Next(IReadOnlyList<IReadOnlyList<RecordedCommit>> cases, int callers)
        {
            var commits = cases[_case % cases.Count];
            var key = FormattableString.Invariant($"{_caller}-{_replayed}");
            var next = (key, _version, commits[_commit]);
            _version += commits[_commit].Records.Count;
            if (++_commit == commits.Count)
            {
                (_case, _commit, _version, _replayed) = (_case + callers, 0, 0, _replayed + 1);
            }

            return next;
        }
    }
}
