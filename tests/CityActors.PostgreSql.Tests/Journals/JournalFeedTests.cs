using CityActors.Journals;
using CityActors.PostgreSql.Journals;
using CityActors.PostgreSql.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static CityActors.PostgreSql.Tests.Journals.JournalEvents;

namespace CityActors.PostgreSql.Tests.Journals;

/// <remarks>
/// The feed reads below the oldest transaction running anywhere on the server, and other tests run transactions on
/// the same server in parallel, so records can be held back for a moment after they committed. Tests therefore
/// consume the feed as a projection does: read, and when nothing comes, wait on the feed and read again.
/// </remarks>
public sealed class JournalFeedTests : IAsyncLifetime
{
    // Guards awaits that must finish; a correct run never gets near it.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    // Longer than any test: a wait can only end through an append (or, on the real clock, a held-back recheck).
    private static readonly TimeSpan LongTimeout = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _stoppedClock = new();
    private MigratedDatabase _database = null!;
    private PostgresEventJournal _journal = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync("feed");
        _journal = new PostgresEventJournal(_database.DataSource, TimeProvider.System, NullLogger<PostgresEventJournal>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _journal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_head_is_the_last_record_a_reader_can_be_handed_and_reading_after_it_finds_only_newer_records()
    {
        (await _journal.HeadAsync("case", default)).ShouldBe(FeedPosition.Start);
        await _journal.AppendAsync(Case("h1"), 0, Events(1, 3), default);
        await _journal.AppendAsync(new JournalId("other", "x"), 0, Events(1, 1), default);

        // A transaction still running anywhere on the server (other tests share it) holds records back from readers
        // and from the head alike; both are compared once the feed hands out all three.
        IReadOnlyList<FeedRecord> all = [];
        await CityActors.Testing.Eventually.Until(async () => (all = await _journal.ReadAsync("case", FeedPosition.Start, 100, default)).Count == 3);
        var head = await _journal.HeadAsync("case", default);
        head.ShouldBe(all[^1].Position);
        (await _journal.ReadAsync("case", head, 100, default)).ShouldBeEmpty();

        await _journal.AppendAsync(Case("h2"), 0, Events(1, 1), default);
        IReadOnlyList<FeedRecord> newer = [];
        await CityActors.Testing.Eventually.Until(async () => (newer = await _journal.ReadAsync("case", head, 100, default)).Count > 0);
        newer.Select(r => r.Journal.Key).ShouldBe(["h2"]);
    }

    [Fact]
    public async Task The_feed_hands_out_every_record_of_concurrent_appends_once_in_a_consistent_order()
    {
        await using var otherDataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await using var otherSilo = new PostgresEventJournal(otherDataSource, TimeProvider.System, NullLogger<PostgresEventJournal>.Instance);
        const int journals = 30;
        const int appendsEach = 8;
        await Task.WhenAll(Enumerable.Range(0, journals).Select(async j =>
        {
            var silo = j % 2 == 0 ? _journal : otherSilo;
            for (var append = 0; append < appendsEach; append++)
            {
                (await silo.AppendAsync(Case($"c{j}"), append * 2, Events((append * 2) + 1, 2), default)).ShouldBeTrue();
            }
        }));
        (await _journal.AppendAsync(new JournalId("permit", "p1"), 0, Events(1, 1), default)).ShouldBeTrue();

        var feed = await ReadUntilAsync("case", FeedPosition.Start, journals * appendsEach * 2, pageSize: 7);

        (await _journal.ReadAsync("case", feed[^1].Position, 100, default)).ShouldBeEmpty();
        feed.Zip(feed.Skip(1)).ShouldAllBe(pair => pair.First.Position < pair.Second.Position);
        foreach (var journal in feed.GroupBy(r => r.Journal))
        {
            journal.Select(r => r.Record.Version).ShouldBe(Enumerable.Range(1, appendsEach * 2).Select(v => (long)v));
        }
    }

    [Fact]
    public async Task A_record_of_a_transaction_still_open_holds_back_every_later_record_until_it_commits()
    {
        await using var slowConnection = await _database.DataSource.OpenConnectionAsync();
        await using var slowTransaction = await slowConnection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "insert into grain_journal (grain_type, grain_key, version, recorded_at, event_type, payload) values ('case', 'slow', 1, now(), 'Opened', '{}')",
            slowConnection,
            slowTransaction))
        {
            await insert.ExecuteNonQueryAsync();
        }

        (await _journal.AppendAsync(Case("fast"), 0, Events(1, 1), default)).ShouldBeTrue();

        (await _journal.ReadAsync("case", FeedPosition.Start, 100, default)).ShouldBeEmpty();
        await slowTransaction.CommitAsync();
        var feed = await ReadUntilAsync("case", FeedPosition.Start, 2);
        feed.Select(r => r.Journal.Key).ShouldBe(["slow", "fast"]);
    }

    [Fact]
    public async Task Reading_after_a_position_continues_where_the_previous_page_ended()
    {
        (await _journal.AppendAsync(Case("c1"), 0, Events(1, 5), default)).ShouldBeTrue();
        await ReadUntilAsync("case", FeedPosition.Start, 5);

        // Readable once means readable for good: the bound only moves forward.
        var first = await _journal.ReadAsync("case", FeedPosition.Start, 3, default);
        var rest = await _journal.ReadAsync("case", first[^1].Position, 100, default);

        first.Select(r => r.Record.Version).ShouldBe([1L, 2L, 3L]);
        rest.Select(r => r.Record.Version).ShouldBe([4L, 5L]);
        (await _journal.ReadAsync("case", rest[^1].Position, 100, default)).ShouldBeEmpty();
        (await _journal.ReadAsync("permit", FeedPosition.Start, 100, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wait_ends_when_a_journal_of_its_grain_type_is_appended_to_and_not_before()
    {
        // On a clock that stands still, nothing but an append can end these waits.
        await using var waiter = new PostgresEventJournal(_database.DataSource, _stoppedClock, NullLogger<PostgresEventJournal>.Instance);
        await waiter.StartListeningAsync(default).WaitAsync(Guard);
        var caseWait = waiter.WaitAsync("case", FeedPosition.Start, LongTimeout, default);
        var permitWait = waiter.WaitAsync("permit", FeedPosition.Start, LongTimeout, default);

        (await _journal.AppendAsync(new JournalId("permit", "p1"), 0, Events(1, 1), default)).ShouldBeTrue();
        await permitWait.WaitAsync(Guard);

        caseWait.IsCompleted.ShouldBeFalse();
        (await _journal.AppendAsync(Case("c1"), 0, Events(1, 1), default)).ShouldBeTrue();
        await caseWait.WaitAsync(Guard);
    }

    [Fact]
    public async Task A_wait_is_woken_by_an_append_in_another_silo()
    {
        await using var otherDataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await using var otherSilo = new PostgresEventJournal(otherDataSource, TimeProvider.System, NullLogger<PostgresEventJournal>.Instance);
        (await _journal.AppendAsync(Case("c1"), 0, Events(1, 1), default)).ShouldBeTrue();
        var checkpoint = (await ReadUntilAsync("case", FeedPosition.Start, 1))[^1].Position;
        await using var waiter = new PostgresEventJournal(_database.DataSource, _stoppedClock, NullLogger<PostgresEventJournal>.Instance);
        await waiter.StartListeningAsync(default).WaitAsync(Guard);
        var wait = waiter.WaitAsync("case", checkpoint, LongTimeout, default);

        (await otherSilo.AppendAsync(Case("c2"), 0, Events(1, 1), default)).ShouldBeTrue();

        await wait.WaitAsync(Guard);
        (await ReadUntilAsync("case", checkpoint, 1)).Single().Journal.ShouldBe(Case("c2"));
    }

    [Fact]
    public async Task A_wait_returns_at_once_when_records_after_the_position_can_be_read()
    {
        (await _journal.AppendAsync(Case("c1"), 0, Events(1, 1), default)).ShouldBeTrue();

        await _journal.WaitAsync("case", FeedPosition.Start, LongTimeout, default).WaitAsync(Guard);
    }

    [Fact]
    public async Task A_wait_without_appends_ends_quietly_at_its_timeout_on_the_silo_clock()
    {
        await using var waiter = new PostgresEventJournal(_database.DataSource, _stoppedClock, NullLogger<PostgresEventJournal>.Instance);
        var wait = waiter.WaitAsync("case", FeedPosition.Start, TimeSpan.FromSeconds(5), default);

        _stoppedClock.Advance(TimeSpan.FromSeconds(5));

        await wait.WaitAsync(Guard);
    }

    [Fact]
    public async Task A_cancelled_wait_throws()
    {
        using var cancellation = new CancellationTokenSource();
        var wait = _journal.WaitAsync("case", FeedPosition.Start, LongTimeout, cancellation.Token);

        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => wait.WaitAsync(Guard));
    }

    /// <summary>Consumes the feed as a projection does until <paramref name="count"/> records came.</summary>
    private async Task<List<FeedRecord>> ReadUntilAsync(string grainType, FeedPosition after, int count, int pageSize = 100)
    {
        using var guard = new CancellationTokenSource(Guard);
        var all = new List<FeedRecord>();
        var position = after;
        while (all.Count < count)
        {
            var page = await _journal.ReadAsync(grainType, position, pageSize, guard.Token);
            if (page.Count == 0)
            {
                await _journal.WaitAsync(grainType, position, TimeSpan.FromSeconds(1), guard.Token);
                continue;
            }

            all.AddRange(page);
            position = page[^1].Position;
        }

        return all;
    }
}
