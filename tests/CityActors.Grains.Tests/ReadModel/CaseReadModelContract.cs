using System.Text.Json;
using CityActors.Domain.Cases;
using CityActors.Domain.Matters;
using CityActors.GrainInterfaces.Serialization;
using CityActors.Grains.Cases;
using static CityActors.Grains.Tests.CaseSilo;

namespace CityActors.Grains.Tests.ReadModel;

/// <summary>
/// What every case read model answers alike: each store's subclass fills it with the same projected cases
/// (<see cref="ReadModelCases"/>) and must then list, page, queue and count them exactly as written here. Expected
/// answers are worked out from the views' own fields, not through <see cref="CaseQuery.Matches"/>, so the in-memory
/// store is checked as much as the database.
/// </summary>
public abstract class CaseReadModelContract
{
    private static readonly Lazy<Dictionary<string, (CaseQuery Query, Func<CaseView, bool> Expected)>> Filters = new(() => new()
    {
        ["district"] = (new CaseQuery(OrgUnit: "rt.1"), v => v.Place.DistrictCode == "rt.1"),
        ["street"] = (new CaseQuery(OrgUnit: "rt.2.02"), v => v.Place.StreetCode == "rt.2.02"),
        ["community"] = (new CaseQuery(OrgUnit: "rt.1.01.north"), v => v.Place.CommunityCode == "rt.1.01.north"),
        ["grid"] = (new CaseQuery(OrgUnit: SouthBankGrid), v => v.Place.GridCode == SouthBankGrid),
        ["department"] = (new CaseQuery(Department: "rt.1.water"), v => v.DispatchedTo.Contains("rt.1.water")),
        ["co-handling department"] = (new CaseQuery(Department: "rt.transit"), v => v.DispatchedTo.Contains("rt.transit")),
        ["statuses"] = (new CaseQuery(Statuses: [CaseStatus.Rejected, CaseStatus.Merged, CaseStatus.Accepted]), v => v.Status is CaseStatus.Rejected or CaseStatus.Merged or CaseStatus.Accepted),
        ["matter"] = (new CaseQuery(MatterCode: "0501"), v => v.MatterCode == "0501"),
        ["urgent"] = (new CaseQuery(Urgency: Urgency.Urgent), v => v.Urgency == Urgency.Urgent),
        ["normal"] = (new CaseQuery(Urgency: Urgency.Normal), v => v.Urgency == Urgency.Normal),
        ["warned"] = (new CaseQuery(Warned: true), v => StageClockIs(v, TimerPhase.Warned)),
        ["not warned"] = (new CaseQuery(Warned: false), v => !StageClockIs(v, TimerPhase.Warned)),
        ["overdue"] = (new CaseQuery(Overdue: true), v => StageClockIs(v, TimerPhase.Overdue)),
        ["not overdue"] = (new CaseQuery(Overdue: false), v => !StageClockIs(v, TimerPhase.Overdue)),
        ["escalated"] = (new CaseQuery(Escalated: true), v => v.Timers.Any(t => t.EscalationLevel > 0)),
        ["not escalated"] = (new CaseQuery(Escalated: false), v => v.Timers.All(t => t.EscalationLevel == 0)),
        ["supervised"] = (new CaseQuery(Supervised: true), v => v.Supervisions.Count > 0),
        ["not supervised"] = (new CaseQuery(Supervised: false), v => v.Supervisions.Count == 0),
        ["reported from, to the tick"] = (new CaseQuery(ReportedFrom: TickA.AddTicks(1)), v => v.ReportedAt.UtcTicks > TickA.UtcTicks),
        ["reported before, to the tick"] = (new CaseQuery(ReportedTo: TickB), v => v.ReportedAt.UtcTicks < TickB.UtcTicks),
        ["reported on Tuesday"] = (new CaseQuery(ReportedFrom: At(11, 17, 0), ReportedTo: At(11, 18, 0)), v => v.ReportedAt >= At(11, 17, 0) && v.ReportedAt < At(11, 18, 0)),
        ["box with points on its edges"] = (
            new CaseQuery(Box: new BoundingBox(ReadModelCases.Market.Longitude!.Value, ReadModelCases.Market.Latitude!.Value, Harbour.Longitude!.Value, Harbour.Latitude!.Value)),
            v => v.Place.Longitude is not null && v.Place.StreetCode != "rt.1.01"),
        ["several filters together"] = (
            new CaseQuery(OrgUnit: "rt.1", Department: "rt.1.water", Statuses: [CaseStatus.Handling], Supervised: true, Overdue: false),
            v => v.Id == "hl-handling"),
    });

    private static DateTimeOffset TickA => ReadModelCases.View("hl-tick-a").ReportedAt;

    private static DateTimeOffset TickB => ReadModelCases.View("hl-tick-b").ReportedAt;

    private static string SouthBankGrid => ReadModelCases.View("hl-A-1").Place.GridCode!;

    public static TheoryData<string> FilterNames => [.. Filters.Value.Keys];

    public static TheoryData<string, int> Pagings => new()
    {
        { "everything", 1 },
        { "everything", 3 },
        { "everything", 1000 },
        { "department", 2 },
        { "not escalated", 4 },
    };

    public static TheoryData<string, string> Owners => new()
    {
        { "centre", "rt.1.01" },
        { "centre", "rt.1" },
        { "centre", "rt" },
        { "centre", "rt.2.02" },
        { "department", "rt.1.water" },
        { "centre", "rt.2.01" },
    };

    public static TheoryData<string?, string?, int, int> KpiScopes => new()
    {
        { null, null, 16, 19 },
        { null, "rt", 16, 19 },
        { null, "rt.2", 16, 19 },
        { "rt.1.water", null, 16, 19 },
        { "rt.2.01.office", "rt.2.01", 16, 19 },
        { null, null, 17, 18 },
    };

    [Theory]
    [MemberData(nameof(FilterNames))]
    public async Task Each_filter_selects_exactly_the_cases_it_describes(string filter)
    {
        var (query, expected) = Filters.Value[filter];
        var all = ReadModelCases.Views;
        var matching = all.Where(expected).Select(v => v.Id).Order(StringComparer.Ordinal).ToList();
        matching.ShouldNotBeEmpty("the cases should exercise the filter");
        if (filter != "several filters together")
        {
            matching.Count.ShouldBeLessThan(all.Count, "the cases should exercise the filter");
        }

        var page = await (await StoreAsync()).QueryAsync(query with { Limit = CaseQuery.MaxLimit }, default);

        page.Cases.Select(v => v.Id).Order(StringComparer.Ordinal).ShouldBe(matching);
        page.Next.ShouldBeNull();
    }

    [Fact]
    public async Task The_cases_come_back_as_stored_newest_first_then_by_id_in_byte_order()
    {
        var expected = ReadModelCases.Views.OrderByDescending(v => v.ReportedAt.UtcTicks).ThenBy(v => v.Id, StringComparer.Ordinal).ToList();

        var page = await (await StoreAsync()).QueryAsync(new CaseQuery(Limit: CaseQuery.MaxLimit), default);

        page.Cases.Select(v => v.Id).ShouldBe(expected.Select(v => v.Id));
        page.Cases.Select(Json).ShouldBe(expected.Select(Json));

        // The fixture's tie-breaks are real: two ids a few ticks apart in the opposite order, four at one instant.
        TickB.ShouldBeGreaterThan(TickA);
        (TickB - TickA).ShouldBeLessThan(TimeSpan.FromMicroseconds(1));
        string.CompareOrdinal("hl-tick-b", "hl-tick-a").ShouldBeGreaterThan(0);
        ReadModelCases.Views.Count(v => v.ReportedAt == At(11, 18, 9, 40)).ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(Pagings))]
    public async Task Pages_continue_from_their_cursor_without_gaps_or_repeats(string filter, int limit)
    {
        var query = filter == "everything" ? new CaseQuery() : Filters.Value[filter].Query;
        var store = await StoreAsync();
        var whole = await store.QueryAsync(query with { Limit = CaseQuery.MaxLimit }, default);
        whole.Cases.Count.ShouldBeGreaterThan(limit == CaseQuery.MaxLimit ? 0 : limit, "the listing should need several pages");

        var paged = new List<string>();
        var pages = 0;
        for (string? after = null; ;)
        {
            var page = await store.QueryAsync(query with { Limit = limit, After = after }, default);
            page.Cases.Count.ShouldBeLessThanOrEqualTo(limit);
            paged.AddRange(page.Cases.Select(v => v.Id));
            pages++;
            if ((after = page.Next) is null)
            {
                break;
            }

            page.Cases.Count.ShouldBe(limit, "only the last page may be short");
        }

        paged.ShouldBe(whole.Cases.Select(v => v.Id));
        pages.ShouldBe((whole.Cases.Count + limit - 1) / limit);
    }

    [Theory]
    [MemberData(nameof(Owners))]
    public async Task Work_queues_are_rebuilt_from_every_case_in_any_queue_of_the_owner(string kind, string code)
    {
        var owner = kind == "centre" ? WorkOwner.Centre(code) : WorkOwner.Department(code);
        var expected = ReadModelCases.Views.Where(v => v.Queues.Any(q => q.Owner == owner)).Select(v => v.Id).Order(StringComparer.Ordinal).ToList();
        expected.ShouldNotBeEmpty();

        var queued = await (await StoreAsync()).QueuedForAsync(owner, default);

        queued.Select(v => v.Id).Order(StringComparer.Ordinal).ShouldBe(expected);
        queued.Select(Json).Order(StringComparer.Ordinal).ShouldBe(expected.Select(id => Json(ReadModelCases.View(id))).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(KpiScopes))]
    public async Task Kpis_count_the_cases_reported_in_the_period_within_the_scope(string? department, string? unit, int fromDay, int toDay)
    {
        var scope = new KpiScope(department, unit);
        var (from, to) = (At(11, fromDay, 0), At(11, toDay, 0));
        var expected = CaseKpis.Compute(ReadModelCases.Views.Where(v => v.ReportedAt >= from && v.ReportedAt < to), scope);
        expected.Reported.ShouldBeGreaterThan(0);

        var kpis = await (await StoreAsync()).KpisAsync(scope, from, to, default);

        (kpis with { TotalHandlingHours = 0 }).ShouldBe(expected with { TotalHandlingHours = 0 });
        kpis.TotalHandlingHours.ShouldBe(expected.TotalHandlingHours, 1e-6);
    }

    [Fact]
    public async Task Kpis_of_the_whole_city_count_each_kind_of_case()
    {
        var kpis = await (await StoreAsync()).KpisAsync(KpiScope.WholeCity, At(11, 16, 0), At(11, 19, 0), default);

        kpis.Reported.ShouldBe(ReadModelCases.Views.Count);
        (kpis.Closed, kpis.Reworked, kpis.Returned, kpis.Extended, kpis.DueSuspended, kpis.Evaluated, kpis.TotalSatisfaction).ShouldBe((3, 1, 1, 1, 1, 2, 8));
        kpis.ClosedOnTime.ShouldBe(2);
        kpis.DispatchedOnTime.ShouldBe(kpis.Dispatched - 1);
        kpis.TotalHandlingHours.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Bad_queries_are_refused_alike()
    {
        var store = await StoreAsync();

        (await Should.ThrowAsync<ArgumentException>(() => store.QueryAsync(new CaseQuery(Limit: 0), default))).Message.ShouldBe("Limit must be 1–1000; it is 0.");
        (await Should.ThrowAsync<ArgumentException>(() => store.QueryAsync(new CaseQuery(After: "yesterday"), default))).Message.ShouldBe("'yesterday' is not a cursor from a previous page.");
    }

    [Fact]
    public async Task Recently_closed_cases_of_a_matter_are_only_the_closed_ones_inside_the_box()
    {
        var store = await StoreAsync();
        var closed = ReadModelCases.View("hl-closed-2");
        var aroundMarket = new BoundingBox(ReadModelCases.Market.Longitude!.Value - 0.001, ReadModelCases.Market.Latitude!.Value - 0.001, ReadModelCases.Market.Longitude!.Value + 0.001, ReadModelCases.Market.Latitude!.Value + 0.001);
        var aroundHarbour = new BoundingBox(Harbour.Longitude!.Value - 0.001, Harbour.Latitude!.Value - 0.001, Harbour.Longitude!.Value + 0.001, Harbour.Latitude!.Value + 0.001);

        // 0501 also has a handled, a rejected and a merged case (the last two have a closing time but were not closed).
        ReadModelCases.Views.Count(v => v.MatterCode == "0501" && v.ClosedAt is not null).ShouldBe(3);
        var anywhere = await store.RecentlyClosedAsync("0501", null, 10, default);
        anywhere.Select(v => v.Id).ShouldBe(["hl-closed-2"]);
        Json(anywhere[0]).ShouldBe(Json(closed));
        anywhere[0].HandlingFeedback.ShouldBe("已彻底清理");
        (await store.RecentlyClosedAsync("0501", aroundMarket, 10, default)).Select(v => v.Id).ShouldBe(["hl-closed-2"]);
        (await store.RecentlyClosedAsync("0501", aroundHarbour, 10, default)).ShouldBeEmpty();
        (await store.RecentlyClosedAsync("0501", null, 0, default)).ShouldBeEmpty();
        (await store.RecentlyClosedAsync("9999", null, 10, default)).ShouldBeEmpty();
    }

    /// <summary>A store that holds exactly <see cref="ReadModelCases.All"/>, saved in one batch.</summary>
    private protected abstract Task<ICaseReadModel> StoreAsync();

    private static bool StageClockIs(CaseView view, TimerPhase phase) => view.Timers.Any(t => t.Stage is not null && t.Phase == phase);

    private static string Json(CaseView view) => JsonSerializer.Serialize(view, DomainSerialization.Json);
}
