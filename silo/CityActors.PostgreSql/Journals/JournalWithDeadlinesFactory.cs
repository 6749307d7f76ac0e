using CityActors.Deadlines;
using CityActors.Journals;
using CityActors.PostgreSql.Deadlines;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.PostgreSql.Journals;

/// <summary>
/// Picks the silo's <see cref="IJournalWithDeadlines"/> once everything is registered: one transaction when the journal
/// and the deadline table are both PostgreSQL on the same pool, the append followed by the changes otherwise (a
/// PostgreSQL journal with in-memory deadlines, say), so changes always land in the table the shards read.
/// </summary>
internal static class JournalWithDeadlinesFactory
{
    public static IJournalWithDeadlines Create(IServiceProvider services)
    {
        // The PostgreSQL journal itself, not IEventJournal, which a decorator (timing, tracing) may wrap.
        var deadlines = services.GetRequiredService<IDeadlineCommits>();
        return services.GetService<PostgresEventJournal>() is { } postgres
            && services.GetRequiredService<IDeadlineTable>() is PostgresDeadlineTable table
            && ReferenceEquals(table.DataSource, postgres.DataSource)
            ? new PostgresJournalWithDeadlines(postgres, deadlines)
            : new SequentialJournalWithDeadlines(services.GetRequiredService<IEventJournal>(), deadlines);
    }
}
