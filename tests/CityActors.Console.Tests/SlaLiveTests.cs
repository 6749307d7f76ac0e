using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CityActors.Console.Tests;

/// <summary>
/// The console on a city whose time runs 240 times faster: a case left waiting for dispatch turns yellow, then red and
/// escalates in the street operator's ticker, queues and case panel, with no reload.
/// </summary>
[Collection(Collection)]
public sealed class SlaLiveTests(CompressedCityConsoleHost fixture, ITestOutputHelper output)
{
    public const string Collection = "compressed city console";

    private const string Street = "nyc.1.105";

    /// <summary>How late a mark may show after its point: the silo's tick, the feed and the console's redraw on a loaded machine.</summary>
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(5);

    private ConsoleHost Host => fixture.Console;

    [Fact]
    public async Task A_case_waiting_for_dispatch_warns_goes_overdue_and_escalates_in_the_console_without_a_reload()
    {
        await using var session = await ConsoleSession.SignInAsync(Host, "op-105-sla", "centreOperator", Street, controlledClock: true);
        var page = session.Page;
        await page.EvaluateAsync("() => { window.slaTestMark = true; }");
        var hotline = await Host.Api.TokenAsync("hotline-gateway", "channelSystem", "Hotline");
        var (status, body, _) = await Host.Api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, string.Create(CultureInfo.InvariantCulture,
            $$$"""{"channel":"hotline","externalId":"console-sla","matterCode":"NYC001","description":"Noise at night","location":{"longitude":-73.9880,"latitude":40.7540}}"""));
        status.ShouldBe(201);
        var id = body.GetProperty("id").GetString()!;

        // The operator verifies it from the panel: it now waits for dispatch, on a one-hour clock that is fifteen seconds here.
        await page.ClickAsync($"#queue-list li[data-case-id='{id}'] button");
        await Expect(page.Locator("#case-title")).ToHaveTextAsync(id);
        await ShouldReadTheClocksAgainOnItsOwnAsync(page);
        await page.ClickAsync("#case-actions button.action[data-command='verify']");
        await page.ClickAsync("form.command-form[data-command='verify'] #command-submit");
        await Expect(page.Locator("#case-status")).ToHaveAttributeAsync("data-status", "verified");
        var clock = await RunningClockAsync(id);
        var warnAt = clock.GetProperty("warnAt").GetDateTimeOffset();
        var dueAt = clock.GetProperty("dueAt").GetDateTimeOffset();
        (dueAt - warnAt).ShouldBeGreaterThan(TimeSpan.Zero);
        output.WriteLine($"{id}: clock {clock.GetProperty("key").GetString()} warns at {warnAt.UtcDateTime:HH:mm:ss.fff}, due at {dueAt.UtcDateTime:HH:mm:ss.fff} UTC");
        var wait = new LocatorAssertionsToHaveCountOptions { Timeout = (float)(dueAt - DateTimeOffset.UtcNow + Lateness).TotalMilliseconds };
        var text = new LocatorAssertionsToHaveTextOptions { Timeout = wait.Timeout };

        // 黄灯: the ticker's yellow entry, the panel's clock and the warned queue's count.
        await Expect(page.Locator($"#ticker-list li.yellow[data-case-id='{id}'][data-event='timer-warned']")).ToHaveCountAsync(1, wait);
        Log("warning in the ticker", warnAt);
        await Expect(page.Locator("#case-clocks li[data-phase='warned']")).ToHaveCountAsync(1, wait);
        await Expect(page.Locator("[data-count='warned']")).ToHaveTextAsync("1", text);
        Log("warning in the panel and the warned queue's count", warnAt);
        await session.ScreenshotAsync("street-operator-sla-warned");

        // 红灯 and escalation to the district: the ticker's red entries, the panel's overdue clock and history, the overdue queue's count (the escalated queue is the district centre's).
        await Expect(page.Locator($"#ticker-list li.red[data-case-id='{id}'][data-event='timer-overdue']")).ToHaveCountAsync(1, wait);
        Log("overdue mark in the ticker", dueAt);
        await Expect(page.Locator("#case-clocks li[data-phase='overdue']")).ToHaveCountAsync(1, wait);
        await Expect(page.Locator("#case-clocks li[data-phase='overdue'] .clock-left.red")).ToHaveTextAsync(new Regex(@"^overdue by \d+s$"));
        await Expect(page.Locator("#case-clocks")).Not.ToContainTextAsync("left");
        await Expect(page.Locator("[data-count='overdue']")).ToHaveTextAsync("1", text);
        await Expect(page.Locator("[data-count='warned']")).ToHaveTextAsync("0", text);
        Log("overdue mark in the panel and the overdue queue's count", dueAt);
        await Expect(page.Locator($"#ticker-list li.red[data-case-id='{id}'][data-event='timer-escalated']")).ToHaveCountAsync(1, wait);
        Log("escalation in the ticker", dueAt);
        await Expect(page.Locator("#case-history li[data-event='timer-escalated']")).ToHaveCountAsync(1, wait);
        Log("escalation in the panel's history", dueAt);
        await Expect(page.Locator("#case-status")).ToHaveAttributeAsync("data-status", "verified");
        await session.ScreenshotAsync("street-operator-sla-overdue-escalated");

        // Nothing reloaded the page: a mark left in it at the start is still there (the page's performance entries are Playwright's clock's here).
        (await page.EvaluateAsync<bool>("() => window.slaTestMark === true")).ShouldBeTrue();
        session.ShouldHaveNoErrors();
    }

    /// <summary>
    /// The open case's clocks are read again with no event of the case: the page's clock is moved on by the 30 s tick
    /// and the clocks show a newer reading (the API's "at"), the time left counted by the API.
    /// </summary>
    private static async Task ShouldReadTheClocksAgainOnItsOwnAsync(IPage page)
    {
        var clocks = page.Locator("#case-clocks");
        await Expect(clocks).ToContainTextAsync(new Regex(@"left \d+s"));
        var readAt = (await clocks.GetAttributeAsync("data-at"))!;
        await page.Clock.RunForAsync(30_000);
        await Expect(clocks).Not.ToHaveAttributeAsync("data-at", readAt);
        DateTimeOffset.Parse((await clocks.GetAttributeAsync("data-at"))!, CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.Parse(readAt, CultureInfo.InvariantCulture));
    }

    private void Log(string what, DateTimeOffset point) =>
        output.WriteLine($"{what} {(DateTimeOffset.UtcNow - point).TotalMilliseconds:F0} ms after the clock's point");

    private async Task<JsonElement> RunningClockAsync(string id)
    {
        var token = await Host.Api.TokenAsync("reader", "centreOperator", Street);
        var (status, sheet, _) = await Host.Api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/actions", token);
        status.ShouldBe(200);
        return sheet.GetProperty("clocks").EnumerateArray().Single();
    }
}

/// <summary>Runs alone, after the other console tests: its marks are timed against the real clock, so it must not share the machine with the 10,000-case seeding.</summary>
[CollectionDefinition(SlaLiveTests.Collection, DisableParallelization = true)]
public sealed class CompressedCityConsoleCollection : ICollectionFixture<CompressedCityConsoleHost>;
