using CityActors.Domain.Cases;
using CityActors.Grains.Cases;
using CityActors.Grains.PostgreSql;
using CityActors.Journals;
using CityActors.Testing;
using Npgsql;

namespace CityActors.Grains.Tests.ReadModel;

/// <summary>
/// The similar-cases candidates in both stores: closed cases of one matter come latest closure first (ties by id in
/// byte order), cut at the limit, and only those inside the box. Five copies of a closed case are stored with their own
/// ids, closing times and places in an empty store of each kind.
/// </summary>
public sealed class RecentlyClosedOrderTests
{
    private static readonly CaseState Closed = ReadModelCases.All.Single(c => c.State.Id == "hl-closed-2").State;

    // id, minutes after the original closure, metres east of it.
    private static readonly (string Id, int Minutes, double East)[] Copies =
    [
        ("hl-c-old", -60, 0), ("hl-c-new", 60, 0), ("hl-c-tie-b", 30, 0), ("hl-c-tie-a", 30, 0), ("hl-c-far", 90, 20_000),
    ];

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task Closed_cases_of_a_matter_come_latest_closure_first_inside_the_box(string kind)
    {
        await using var dataSource = kind == "memory" ? null : NpgsqlDataSource.Create(await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("closed"));
        ICaseReadModel store = dataSource is null ? new MemoryCaseViewStore() : new PostgresCaseViewStore(dataSource);
        var projected = Copies.Select(c =>
        {
            var state = Closed.Copy();
            state.Id = c.Id;
            state.ClosedAt = Closed.ClosedAt!.Value.AddMinutes(c.Minutes);
            state.Place = state.Place! with { Longitude = state.Place.Longitude + (c.East / 95_000) };
            return ProjectedCase.Of(state);
        }).ToList();
        await ((ICaseProjectionStore)store).SaveAsync(projected, FeedPosition.Start, new FeedPosition(1, 1), default);
        var place = Closed.Place!;
        var box = new BoundingBox(place.Longitude!.Value - 0.01, place.Latitude!.Value - 0.01, place.Longitude!.Value + 0.01, place.Latitude!.Value + 0.01);

        (await store.RecentlyClosedAsync("0501", null, 10, default)).Select(v => v.Id).ShouldBe(["hl-c-far", "hl-c-new", "hl-c-tie-a", "hl-c-tie-b", "hl-c-old"]);
        (await store.RecentlyClosedAsync("0501", box, 10, default)).Select(v => v.Id).ShouldBe(["hl-c-new", "hl-c-tie-a", "hl-c-tie-b", "hl-c-old"]);
        (await store.RecentlyClosedAsync("0501", box, 2, default)).Select(v => v.Id).ShouldBe(["hl-c-new", "hl-c-tie-a"]);
        (await store.RecentlyClosedAsync("0101", null, 10, default)).ShouldBeEmpty();
    }
}
