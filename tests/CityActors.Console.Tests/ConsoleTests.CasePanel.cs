using System.Globalization;
using System.Text.RegularExpressions;
using CityActors.Testing;
using static Microsoft.Playwright.Assertions;

namespace CityActors.Console.Tests;

/// <summary>The case panel from the keyboard, the learned model's suggestions in it, and the city's similar closed cases.</summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task A_case_marker_is_reached_with_Tab_opened_with_Enter_and_Escape_gives_the_focus_back()
    {
        var hotline = await host.Api.TokenAsync("hotline-gateway", "channelSystem", "Hotline");
        var id = await ReportAsync(hotline, "console-keyboard", -73.9870, 40.7560);
        await using var session = await ConsoleSession.SignInAsync(host, "op-105-keys", "centreOperator", Street);
        var page = session.Page;
        await Expect(page.Locator($"path.case-marker[data-case-id='{id}']")).ToHaveCountAsync(1);

        // From the map, Tab goes through the units shown (each a named button) and then the case markers (the first in
        // reading order), each named by case, matter and status.
        await page.FocusAsync("#map");
        var units = await page.Locator("path.unit").CountAsync();
        units.ShouldBeGreaterThan(0);
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string[]>("() => [document.activeElement.dataset.unit ?? '', document.activeElement.getAttribute('role') ?? '', document.activeElement.getAttribute('aria-label') ?? '']"))
            .ShouldSatisfyAllConditions(u => u[0].ShouldStartWith(Street), u => u[1].ShouldBe("button"), u => u[2].ShouldNotBeEmpty());
        for (var tab = 1; tab < units; tab++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string[]>(
            "() => { const e = document.activeElement; return [e.dataset.caseId ?? '', e.getAttribute('aria-label') ?? '', e.getAttribute('role') ?? '', getComputedStyle(e).strokeWidth]; }");
        var (markerId, name, role, stroke) = (focused[0], focused[1], focused[2], focused[3]);
        markerId.ShouldNotBeNullOrEmpty(await page.EvaluateAsync<string>("() => document.activeElement.outerHTML.slice(0, 300)"));
        role.ShouldBe("button");
        name.ShouldStartWith($"{markerId} · ");
        name.Split(" · ").Length.ShouldBe(3); // case id · matter · status
        stroke.ShouldBe("5px"); // the focus ring

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#case-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("#case-title")).ToHaveTextAsync(markerId);
        await Expect(page.Locator("#case-status")).ToHaveAttributeAsync("data-status", new Regex(".+"));
        name.ShouldEndWith(await page.Locator("#case-status").InnerTextAsync());

        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#case-panel")).ToBeHiddenAsync();
        (await page.EvaluateAsync<string>("() => document.activeElement.dataset.caseId ?? ''")).ShouldBe(markerId);
        session.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task A_case_panel_shows_the_models_suggested_matters_with_their_confidence_the_gate_and_the_expected_time()
    {
        var hotline = await host.Api.TokenAsync("hotline-gateway", "channelSystem", "Hotline");
        var (status, body, _) = await host.Api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, string.Create(CultureInfo.InvariantCulture,
            $$$"""{"channel":"hotline","externalId":"console-streetlight","matterCode":"NYC006","description":"Street light out on the corner","location":{"longitude":-73.9860,"latitude":40.7520}}"""));
        status.ShouldBe(201);
        var id = body.GetProperty("id").GetString()!;
        await using var session = await ConsoleSession.SignInAsync(host, "op-105-assist", "centreOperator", Street);
        var page = session.Page;
        await page.ClickAsync($"#queue-list li[data-case-id='{id}'] button");
        await Expect(page.Locator("#case-title")).ToHaveTextAsync(id);

        // 智能分类 · 智能分拨: the Boston model mapped onto NYC suggests matters with their confidence, the gate and the expected time.
        var matters = page.Locator("#suggested-matters li");
        await Expect(matters.First).ToContainTextAsync(new Regex(@"\d+\.\d%$"));
        (await matters.CountAsync()).ShouldBeInRange(1, 3);
        await Expect(page.Locator("#suggested-gate")).ToContainTextAsync(new Regex(@"^left to a person \(gate \d+\.\d%\)$")); // NYC's catalogue names one owner per matter
        await Expect(page.Locator("#suggested-gate")).ToHaveAttributeAsync("data-automatic", "false");
        await Expect(page.Locator("#suggested-catalogue")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#suggested-expected")).ToContainTextAsync(new Regex(@"^\d+\.\d Hours · "));
        var model = (await page.Locator("#case-suggestions").GetAttributeAsync("data-model"))!;
        model.ShouldStartWith("boston-");

        await session.ScreenshotAsync("case-panel-suggestions");

        await page.ClickAsync("#language");
        await session.WaitUntilReadyAsync();
        await page.ClickAsync($"#queue-list li[data-case-id='{id}'] button");
        await Expect(page.Locator("#case-suggestions h3")).ToHaveTextAsync("智能分类 · 智能分拨");
        await Expect(page.Locator("#suggested-gate")).ToContainTextAsync("门限");
        await page.ClickAsync("#language");
        session.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task A_case_panel_lists_the_citys_similar_closed_cases_with_how_they_were_resolved()
    {
        var hotline = await host.Api.TokenAsync("hotline-gateway", "channelSystem", "Hotline");
        var leader = await host.Api.TokenAsync("leader-105-similar", "centreLeader", Street);
        var closed = await LightReportAsync(hotline, "console-similar-closed", "Street light out, lamp dark all night");
        (await host.Api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{closed}/verify", leader, "{}")).Status.ShouldBe(200);
        var department = (await host.Api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{closed}/accept", leader, "{}")).Body.GetProperty("lead").GetString()!;
        var clerk = await host.Api.TokenAsync("clerk-similar", "departmentClerk", department);
        (await host.Api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{closed}/sign-for", clerk, $$"""{"department":"{{department}}"}""")).Status.ShouldBe(200);
        (await host.Api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{closed}/report-handled", clerk, $$"""{"department":"{{department}}","feedback":"Replaced the lamp and the photocell"}""")).Status.ShouldBe(200);
        (await host.Api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{closed}/inspect", leader, """{"passed":true}""")).Status.ShouldBe(200);
        var id = await LightReportAsync(hotline, "console-similar-new", "Street light out, dark corner at night");

        // The read model is projected from the journals just after each command; the panel reads it once when opened.
        await Eventually.Until(async () =>
            (await host.Api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/similar", leader)).Body.GetProperty("similar").EnumerateArray().Any(s => s.GetProperty("id").GetString() == closed));
        await using var session = await ConsoleSession.SignInAsync(host, "op-105-similar", "centreOperator", Street);
        var page = session.Page;
        await page.ClickAsync($"#queue-list li[data-case-id='{id}'] button");
        await Expect(page.Locator("#case-title")).ToHaveTextAsync(id);

        var similar = page.Locator($"#similar-cases li[data-case-id='{closed}']");
        await Expect(similar).ToContainTextAsync("Street light out, lamp dark all night");
        await Expect(similar.Locator(".similar-closure")).ToHaveTextAsync("Resolved: Replaced the lamp and the photocell");
        await Expect(similar).ToContainTextAsync(new Regex(@"Handled in \d+\.\d Hours · \d+ m away"));
        (await page.Locator($"#similar-cases li[data-case-id='{id}']").CountAsync()).ShouldBe(0, "a case is not similar to itself");
        await session.ScreenshotAsync("case-panel-similar");

        await page.ClickAsync("#language");
        await session.WaitUntilReadyAsync();
        await page.ClickAsync($"#queue-list li[data-case-id='{id}'] button");
        await Expect(page.Locator("#case-similar h3")).ToHaveTextAsync("相似案例");
        await Expect(page.Locator($"#similar-cases li[data-case-id='{closed}'] .similar-closure")).ToHaveTextAsync("处置情况: Replaced the lamp and the photocell");
        await page.ClickAsync("#language");
        session.ShouldHaveNoErrors();
    }

    private async Task<string> LightReportAsync(string hotline, string externalId, string description)
    {
        var (status, body, _) = await host.Api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, string.Create(CultureInfo.InvariantCulture,
            $$$"""{"channel":"hotline","externalId":"{{{externalId}}}","matterCode":"NYC006","description":"{{{description}}}","location":{"longitude":-73.9846,"latitude":40.7531}}"""));
        status.ShouldBe(201);
        return body.GetProperty("id").GetString()!;
    }
}
