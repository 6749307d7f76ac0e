using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace CityActors.Console.Tests;

/// <summary>智能派遣 in the console: a case the dispatch assistant sent on acceptance says so in its timeline, with the model and its confidence.</summary>
[Collection(Collection)]
public sealed class AssistedDispatchConsoleTests(RivertonAssistConsoleHost fixture)
{
    public const string Collection = "riverton assist console";

    private ConsoleHost Host => fixture.Console;

    [Fact]
    public async Task A_case_dispatched_by_the_assistant_says_so_with_the_model_version_and_confidence()
    {
        var hotline = await Host.Api.TokenAsync("hotline-gateway", "channelSystem", "Hotline");
        var (status, body, _) = await Host.Api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, string.Create(CultureInfo.InvariantCulture,
            $$$"""{"channel":"hotline","externalId":"console-pothole","matterCode":"0301","description":"Pothole in the road outside number 12, deep","location":{"longitude":121.405,"latitude":31.205}}"""));
        status.ShouldBe(201);
        var id = body.GetProperty("id").GetString()!;
        var street = body.GetProperty("place").GetProperty("streetCode").GetString()!;
        await using var session = await ConsoleSession.SignInAsync(Host, "op-rt-assist", "centreOperator", street);
        var page = session.Page;
        await page.ClickAsync($"#queue-list li[data-case-id='{id}'] button");
        await Expect(page.Locator("#case-title")).ToHaveTextAsync(id);

        // Before acceptance the panel tells what would happen: the catalogue's two owners, history's office, automatic.
        await Expect(page.Locator("#suggested-gate")).ToHaveAttributeAsync("data-automatic", "true");
        await Expect(page.Locator("#suggested-gate")).ToContainTextAsync("would be automatic");
        await Expect(page.Locator("#suggested-matters li[data-matter='0301']")).ToContainTextAsync(new Regex(@"\d+\.\d%$"));
        var model = (await page.Locator("#case-suggestions").GetAttributeAsync("data-model"))!;

        await page.ClickAsync("#case-actions button.action[data-command='verify']");
        await page.ClickAsync("form.command-form[data-command='verify'] #command-submit");
        await Expect(page.Locator("#case-status")).ToHaveAttributeAsync("data-status", "verified");
        await page.ClickAsync("#case-actions button.action[data-command='accept']");
        await page.ClickAsync("form.command-form[data-command='accept'] #command-submit");
        await Expect(page.Locator("#case-status")).ToHaveAttributeAsync("data-status", "dispatched");

        var entry = page.Locator("#case-history li[data-event='auto-dispatched']");
        await Expect(entry).ToContainTextAsync("dispatched automatically");
        await Expect(entry).ToContainTextAsync("dispatch assistant");
        await Expect(entry).ToContainTextAsync(model);
        await Expect(entry).ToContainTextAsync(new Regex(@"confidence \d+\.\d% ≥ gate \d+\.\d%"));
        await Expect(entry).ToContainTextAsync("rt.1.municipal");
        await session.ScreenshotAsync("case-panel-auto-dispatched");

        await page.ClickAsync("#language");
        await session.WaitUntilReadyAsync();
        await page.ClickAsync($"#ticker-list li[data-case-id='{id}'][data-event='dispatched'] button"); // now in the department's queue, not the centre's
        await Expect(page.Locator("#case-history li[data-event='auto-dispatched']")).ToContainTextAsync("智能派遣");
        await Expect(page.Locator("#case-suggestions h3")).ToHaveTextAsync("智能分类 · 智能分拨");
        session.ShouldHaveNoErrors();
    }
}
