using CityActors.Journals;
using CityActors.PostgreSql.Journals;
using CityActors.PostgreSql.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using static CityActors.PostgreSql.Tests.Journals.JournalEvents;

namespace CityActors.PostgreSql.Tests.Journals;

public sealed class JournalRegistrationTests
{
    [Fact]
    public async Task The_registered_journal_and_feed_are_one_postgres_journal_replacing_the_memory_one()
    {
        await using var database = await MigratedDatabase.CreateAsync("journalreg");
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IEventJournal>(new MemoryEventJournal(TimeProvider.System));
        services.AddCityActorsPostgreSqlJournal(database.ConnectionString);
        await using var provider = services.BuildServiceProvider();

        var journal = provider.GetRequiredService<IEventJournal>();
        var feed = provider.GetRequiredService<IJournalFeed>();

        journal.ShouldBeOfType<PostgresEventJournal>();
        feed.ShouldBeSameAs(journal);
        (await journal.AppendAsync(Case("c1"), 0, Events(1, 1), default)).ShouldBeTrue();
        (await database.ScalarAsync<long>("select count(*) from grain_journal")).ShouldBe(1);
    }
}
