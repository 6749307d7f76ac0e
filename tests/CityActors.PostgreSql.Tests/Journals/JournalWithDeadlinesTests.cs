using CityActors.Deadlines;
using CityActors.Journals;
using CityActors.PostgreSql.Deadlines;
using CityActors.PostgreSql.Journals;
using CityActors.PostgreSql.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using static CityActors.PostgreSql.Tests.Journals.JournalEvents;

namespace CityActors.PostgreSql.Tests.Journals;

/// <summary>
/// A journal append and its deadline changes in one PostgreSQL transaction (<see cref="IJournalWithDeadlines"/> as the
/// silo registers it): both or neither, a retry changes nothing twice, and the deadline service hears of every change
/// with what it replaced.
/// </summary>
public sealed class JournalWithDeadlinesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Due = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly RecordingDeadlineCommits _commits = new();
    private MigratedDatabase _database = null!;
    private ServiceProvider _services = null!;
    private IJournalWithDeadlines _appends = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync("journaldeadlines");
        _services = Services(_database.ConnectionString, postgresTable: true);
        _appends = _services.GetRequiredService<IJournalWithDeadlines>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task With_journal_and_deadlines_in_one_database_an_append_and_its_deadline_changes_share_a_transaction()
    {
        _appends.ShouldBeOfType<PostgresJournalWithDeadlines>();

        await using var memoryTable = Services(_database.ConnectionString, postgresTable: false);
        memoryTable.GetRequiredService<IJournalWithDeadlines>().ShouldBeOfType<SequentialJournalWithDeadlines>(
            "deadlines kept elsewhere than the journal cannot share its transaction");
    }

    [Fact]
    public async Task An_append_writes_its_deadline_changes_and_reports_what_they_replaced()
    {
        (await _appends.AppendAsync(Case("c1"), 0, Events(1, 2), [Set("c1", "sla:handle", Due), Set("c1", "sla:dispatch", Due.AddHours(1))], default)).ShouldBeTrue();
        (await DeadlinesAsync("c1")).ShouldBe([("sla:dispatch", Due.AddHours(1)), ("sla:handle", Due)]);
        _commits.Reported.Single().ShouldBe([("sla:handle", Due, (DateTimeOffset?)null), ("sla:dispatch", Due.AddHours(1), null)]);

        (await _appends.AppendAsync(Case("c1"), 2, Events(3, 1), [Set("c1", "sla:handle", Due.AddDays(1)), Cancel("c1", "sla:dispatch")], default)).ShouldBeTrue();

        (await DeadlinesAsync("c1")).ShouldBe([("sla:handle", Due.AddDays(1))]);
        _commits.Reported[1].ShouldBe([("sla:handle", Due.AddDays(1), (DateTimeOffset?)Due), ("sla:dispatch", null, Due.AddHours(1))]);
        (await _database.ScalarAsync<long>("select count(*) from grain_journal where grain_key = 'c1'")).ShouldBe(3);
    }

    [Fact]
    public async Task A_refused_append_changes_no_deadline()
    {
        (await _appends.AppendAsync(Case("c1"), 0, Events(1, 1), [Set("c1", "sla:handle", Due)], default)).ShouldBeTrue();

        // A stale writer that still believes the journal is empty.
        (await _appends.AppendAsync(Case("c1"), 0, [Event(1, "Other")], [Set("c1", "sla:handle", Due.AddDays(9)), Set("c1", "sla:other", Due)], default)).ShouldBeFalse();

        (await DeadlinesAsync("c1")).ShouldBe([("sla:handle", Due)]);
        _commits.Reported.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_retried_append_that_had_committed_reports_success_and_changes_no_deadline_again()
    {
        var records = Events(1, 1);
        (await _appends.AppendAsync(Case("c1"), 0, records, [Set("c1", "sla:handle", Due)], default)).ShouldBeTrue();

        // The deadline fired and its shard deleted it; then the append is retried (its first answer was lost).
        await _database.ExecuteAsync("delete from deadline where grain_key = 'c1'");
        (await _appends.AppendAsync(Case("c1"), 0, records, [Set("c1", "sla:handle", Due)], default)).ShouldBeTrue();

        (await DeadlinesAsync("c1")).ShouldBeEmpty();
        _commits.Reported.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_appends_of_many_journals_each_commit_their_own_deadlines()
    {
        var keys = Enumerable.Range(0, 200).Select(i => $"c{i:000}").ToArray();

        var answers = await Task.WhenAll(keys.Select(k => _appends.AppendAsync(Case(k), 0, Events(1, 1), [Set(k, "sla:handle", Due)], default)));

        answers.ShouldAllBe(a => a);
        (await _database.ScalarAsync<long>("select count(*) from deadline where name = 'sla:handle'")).ShouldBe(keys.Length);
        _commits.Reported.Sum(r => r.Count).ShouldBe(keys.Length);
    }

    [Fact]
    public async Task Two_appends_changing_one_deadline_at_once_both_commit()
    {
        // One grain's deadline changed from two journals' appends: one statement could not change the row twice, so a
        // shared batch is split rather than failed.
        var answers = await Task.WhenAll(
            _appends.AppendAsync(Case("a"), 0, Events(1, 1), [Set("shared", "sla:x", Due)], default),
            _appends.AppendAsync(Case("b"), 0, Events(1, 1), [Set("shared", "sla:x", Due.AddHours(1))], default));

        answers.ShouldBe([true, true]);
        (await DeadlinesAsync("shared")).Single().Due.ShouldBeOneOf(Due, Due.AddHours(1));
    }

    private static DeadlineChange Set(string caseKey, string name, DateTimeOffset due) => new(Key(caseKey, name), 7, due);

    private static DeadlineChange Cancel(string caseKey, string name) => new(Key(caseKey, name), 7, null);

    private static DeadlineKey Key(string caseKey, string name) => new(GrainId.Create("case", caseKey), name);

    private ServiceProvider Services(string connectionString, bool postgresTable)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCityActorsPostgreSqlJournal(connectionString);
        services.AddSingleton<IDeadlineCommits>(_commits);
        if (postgresTable)
        {
            services.AddSingleton<IDeadlineTable>(sp => new PostgresDeadlineTable(sp.GetRequiredService<PostgresDataSourceProvider>().GetDataSource(connectionString)));
        }
        else
        {
            services.AddSingleton<IDeadlineTable>(new MemoryDeadlineTable());
        }

        return services.BuildServiceProvider();
    }

    private async Task<List<(string Name, DateTimeOffset Due)>> DeadlinesAsync(string grainKey)
    {
        var rows = new List<(string, DateTimeOffset)>();
        await using var command = _database.DataSource.CreateCommand("select name, due from deadline where grain_key = $1 order by name");
        command.Parameters.AddWithValue(grainKey);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return rows;
    }

    /// <summary>The deadline service's side, recording what it is told (its shard notifications are tested with the service).</summary>
    private sealed class RecordingDeadlineCommits : IDeadlineCommits
    {
        public List<List<(string Name, DateTimeOffset? Due, DateTimeOffset? Previous)>> Reported { get; } = [];

        public Task WriteAsync(IReadOnlyList<DeadlineChange> changes, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Changes that travel with an append are not written on their own.");

        public void Committed(IReadOnlyList<DeadlineChange> changes, IReadOnlyList<DateTimeOffset?> previous)
        {
            lock (Reported)
            {
                Reported.Add([.. changes.Select((c, i) => (c.Key.Name, c.Due, previous[i]))]);
            }
        }
    }
}
