using System.Text;
using CityActors.Journals;
using CityActors.PostgreSql.Journals;
using CityActors.PostgreSql.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static CityActors.PostgreSql.Tests.Journals.JournalEvents;

namespace CityActors.PostgreSql.Tests.Journals;

public sealed class PostgresEventJournalTests : IAsyncLifetime
{
    private MigratedDatabase _database = null!;
    private PostgresEventJournal _journal = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync("journal");
        _journal = new PostgresEventJournal(_database.DataSource, TimeProvider.System, NullLogger<PostgresEventJournal>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _journal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Appended_records_read_back_in_version_order()
    {
        var records = new[] { Event(1, "Opened"), Event(2, "Assigned", """{"to": "team-7", "at": [1, 2]}"""), Event(3) };

        (await _journal.AppendAsync(Case("c1"), 0, records, default)).ShouldBeTrue();

        var read = await _journal.ReadAsync(Case("c1"), 0, default);
        read.Select(r => r.Version).ShouldBe([1L, 2L, 3L]);
        read.Select(r => r.EventType).ShouldBe(["Opened", "Assigned", "Noted"]);
        read.Select(r => r.Timestamp).ShouldBe(records.Select(r => r.Timestamp));
        read.Zip(records).ShouldAllBe(pair => SameJson(pair.First.Payload, pair.Second.Payload));
        (await _journal.ReadAsync(Case("c1"), 2, default)).Select(r => r.Version).ShouldBe([3L]);
        (await _journal.ReadAsync(Case("other"), 0, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Replay_reads_the_latest_snapshot_and_the_events_after_it_in_one_read()
    {
        IEventJournal journal = _journal;
        (await journal.AppendAsync(Case("c1"), 0, Events(1, 5), default)).ShouldBeTrue();

        var (none, all) = await journal.ReadLatestAsync(Case("c1"), default);
        none.ShouldBeNull();
        all.Select(r => r.Version).ShouldBe([1L, 2L, 3L, 4L, 5L]);

        await journal.WriteSnapshotAsync(Case("c1"), new JournalSnapshot(3, Encoding.UTF8.GetBytes("""{"at":3}""")), default);
        var (snapshot, after) = await journal.ReadLatestAsync(Case("c1"), default);

        snapshot.ShouldNotBeNull().Version.ShouldBe(3);
        Encoding.UTF8.GetString(snapshot.State).ShouldBe("""{"at":3}""");
        after.Select(r => r.Version).ShouldBe([4L, 5L]);
        after.Select(r => r.EventType).ShouldAllBe(t => t == "Noted");
        (await journal.ReadLatestAsync(Case("other"), default)).Records.ShouldBeEmpty();
    }

    [Fact]
    public async Task Replay_reads_made_together_each_get_their_own_journals_snapshot_and_events()
    {
        IEventJournal journal = _journal;
        for (var i = 1; i <= 40; i++)
        {
            (await journal.AppendAsync(Case($"m{i}"), 0, Events(1, i % 5 + 1), default)).ShouldBeTrue();
            if (i % 3 == 0)
            {
                await journal.WriteSnapshotAsync(Case($"m{i}"), new JournalSnapshot(1, Encoding.UTF8.GetBytes($$"""{"case":{{i}}}""")), default);
            }
        }

        var reads = await Task.WhenAll(Enumerable.Range(1, 41).Select(i => journal.ReadLatestAsync(Case($"m{i}"), default)));

        for (var i = 1; i <= 40; i++)
        {
            var (snapshot, records) = reads[i - 1];
            var from = i % 3 == 0 ? 2L : 1L;
            records.Select(r => r.Version).ShouldBe(Enumerable.Range((int)from, i % 5 + 2 - (int)from).Select(v => (long)v), $"journal m{i}");
            if (i % 3 == 0)
            {
                Encoding.UTF8.GetString(snapshot.ShouldNotBeNull().State).ShouldBe($$"""{"case":{{i}}}""");
            }
            else
            {
                snapshot.ShouldBeNull();
            }
        }

        reads[40].Snapshot.ShouldBeNull();
        reads[40].Records.ShouldBeEmpty("m41 was never written");
    }

    [Fact]
    public async Task Appends_continue_from_the_version_they_expect()
    {
        (await _journal.AppendAsync(Case("c1"), 0, Events(1, 2), default)).ShouldBeTrue();
        (await _journal.AppendAsync(Case("c1"), 2, Events(3, 1), default)).ShouldBeTrue();

        (await _journal.ReadAsync(Case("c1"), 0, default)).Select(r => r.Version).ShouldBe([1L, 2L, 3L]);
    }

    [Fact]
    public async Task An_append_expecting_an_older_version_returns_false_and_writes_nothing()
    {
        (await _journal.AppendAsync(Case("c1"), 0, Events(1, 2), default)).ShouldBeTrue();

        (await _journal.AppendAsync(Case("c1"), 1, [Event(2, "Other")], default)).ShouldBeFalse();

        var read = await _journal.ReadAsync(Case("c1"), 0, default);
        read.Select(r => r.EventType).ShouldBe(["Noted", "Noted"]);
    }

    [Fact]
    public async Task An_append_expecting_a_version_the_journal_has_not_reached_returns_false()
    {
        (await _journal.AppendAsync(Case("c1"), 3, Events(4, 1), default)).ShouldBeFalse();
        (await _journal.AppendAsync(Case("c1"), 3, [], default)).ShouldBeFalse();

        (await _journal.ReadAsync(Case("c1"), 0, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Retrying_an_append_that_committed_returns_true_without_writing_twice()
    {
        (await _journal.AppendAsync(Case("c1"), 0, [Event(1, "Opened", """{"a":1,"b":"x"}"""), Event(2)], default)).ShouldBeTrue();
        (await _journal.AppendAsync(Case("c1"), 2, [Event(3)], default)).ShouldBeTrue();

        // The same events, serialized with other key order and spacing: the same JSON, so the same append.
        (await _journal.AppendAsync(Case("c1"), 0, [Event(1, "Opened", """{ "b": "x", "a": 1 }"""), Event(2)], default)).ShouldBeTrue();

        (await _database.ScalarAsync<long>("select count(*) from grain_journal")).ShouldBe(3);
    }

    [Fact]
    public async Task Retrying_with_different_events_is_a_conflict()
    {
        (await _journal.AppendAsync(Case("c1"), 0, [Event(1, "Opened", """{"a":1}""")], default)).ShouldBeTrue();

        (await _journal.AppendAsync(Case("c1"), 0, [Event(1, "Opened", """{"a":2}""")], default)).ShouldBeFalse();
        (await _journal.AppendAsync(Case("c1"), 0, [Event(1, "Closed", """{"a":1}""")], default)).ShouldBeFalse();
        (await _journal.AppendAsync(Case("c1"), 0, [Event(1, "Opened", """{"a":1}"""), Event(2)], default)).ShouldBeFalse();
    }

    [Fact]
    public async Task Records_not_numbered_from_the_expected_version_are_refused()
    {
        await Should.ThrowAsync<ArgumentException>(() => _journal.AppendAsync(Case("c1"), 0, [Event(2)], default));
        await Should.ThrowAsync<ArgumentException>(() => _journal.AppendAsync(Case("c1"), 0, [Event(1), Event(3)], default));
    }

    [Fact]
    public async Task Of_two_silos_appending_at_the_same_version_exactly_one_commits()
    {
        await using var otherDataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await using var otherSilo = new PostgresEventJournal(otherDataSource, TimeProvider.System, NullLogger<PostgresEventJournal>.Instance);
        var journals = Enumerable.Range(0, 40).Select(i => Case($"race-{i}")).ToArray();
        var attempts = journals.SelectMany(id => new[]
        {
            (Id: id, Silo: "a", Append: _journal.AppendAsync(id, 0, [Event(1, "ByA"), Event(2, "ByA")], default)),
            (Id: id, Silo: "b", Append: otherSilo.AppendAsync(id, 0, [Event(1, "ByB")], default)),
        }).ToArray();

        await Task.WhenAll(attempts.Select(a => a.Append));

        foreach (var race in attempts.GroupBy(a => a.Id))
        {
            var winners = race.Where(a => a.Append.Result).ToList();
            winners.Count.ShouldBe(1, $"journal {race.Key}");
            var stored = await _journal.ReadAsync(race.Key, 0, default);
            stored.ShouldAllBe(r => r.EventType == (winners[0].Silo == "a" ? "ByA" : "ByB"));
            stored.Count.ShouldBe(winners[0].Silo == "a" ? 2 : 1);
        }
    }

    [Fact]
    public async Task In_one_batch_a_stale_append_returns_false_while_the_others_commit()
    {
        (await _journal.AppendAsync(Case("ahead"), 0, Events(1, 2), default)).ShouldBeTrue();
        (await _journal.AppendAsync(Case("retried"), 0, Events(1, 1), default)).ShouldBeTrue();
        PendingAppend[] batch =
        [
            new(Case("fresh"), 0, Events(1, 2), default),
            new(Case("ahead"), 1, [Event(2, "Late")], default),
            new(Case("retried"), 0, Events(1, 1), default),
            new(Case("ahead-too"), 0, Events(1, 1), default),
        ];

        await JournalAppendBatcher.ExecuteAsync(_database.DataSource, batch);

        (await Task.WhenAll(batch.Select(a => a.Answer))).ShouldBe([true, false, true, true]);
        (await _journal.ReadAsync(Case("fresh"), 0, default)).Count.ShouldBe(2);
        (await _journal.ReadAsync(Case("ahead"), 0, default)).ShouldAllBe(r => r.EventType == "Noted");
        (await _journal.ReadAsync(Case("ahead-too"), 0, default)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_append_the_database_rejects_fails_alone_among_concurrent_appends()
    {
        var appends = Enumerable.Range(0, 100)
            .Select(i => _journal.AppendAsync(Case($"c{i}"), 0, [Event(1, json: i == 42 ? "not json" : null)], default))
            .ToArray();

        await Should.ThrowAsync<PostgresException>(() => Task.WhenAll(appends));

        appends.Count(a => a.IsFaulted).ShouldBe(1);
        appends[42].IsFaulted.ShouldBeTrue();
        (await _database.ScalarAsync<long>("select count(*) from grain_journal")).ShouldBe(99);
    }

    [Fact]
    public async Task A_snapshot_is_replaced_only_by_a_newer_one()
    {
        var state = new byte[] { 0, 1, 2, 255 };
        await _journal.WriteSnapshotAsync(Case("c1"), new JournalSnapshot(5, state), default);

        await _journal.WriteSnapshotAsync(Case("c1"), new JournalSnapshot(3, [9]), default);
        await _journal.WriteSnapshotAsync(Case("c1"), new JournalSnapshot(5, [8]), default);
        var kept = await _journal.ReadSnapshotAsync(Case("c1"), default);

        kept.ShouldNotBeNull();
        kept.Version.ShouldBe(5);
        kept.State.ShouldBe(state);
        await _journal.WriteSnapshotAsync(Case("c1"), new JournalSnapshot(8, Encoding.UTF8.GetBytes("""{"open":true}""")), default);
        var newer = await _journal.ReadSnapshotAsync(Case("c1"), default);
        newer!.Version.ShouldBe(8);
        Encoding.UTF8.GetString(newer.State).ShouldBe("""{"open":true}""");
        (await _journal.ReadSnapshotAsync(Case("c2"), default)).ShouldBeNull();
    }
}
