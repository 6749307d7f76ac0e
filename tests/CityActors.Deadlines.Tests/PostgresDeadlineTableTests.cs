using CityActors.PostgreSql.Deadlines;
using Npgsql;

namespace CityActors.Deadlines.Tests;

public sealed class PostgresDeadlineTableTests : DeadlineTableContract, IAsyncDisposable
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override async Task<IDeadlineTable> CreateTableAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await DeadlineDatabase.CreateAsync());
        _dataSources.Add(dataSource);
        return new PostgresDeadlineTable(dataSource);
    }

    [Fact]
    public async Task Concurrent_batches_over_the_same_deadlines_all_commit()
    {
        var table = await CreateTableAsync();
        var keys = Enumerable.Range(0, 200).Select(i => TestInstants.Key($"g{i}", "sla")).ToList();

        // Silos writing overlapping keys in different orders: the table's key ordering (and its retry) keeps them from failing.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => table.ApplyAsync(
            keys.OrderBy(k => (k.GetHashCode() * (w + 1)) % 997).Select(k => new DeadlineChange(k, 0, TestInstants.Start.AddSeconds(w))).ToList(),
            default)));

        (await table.ReadDueAsync(0, DateTimeOffset.MaxValue, default)).Count.ShouldBe(200);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }
}
