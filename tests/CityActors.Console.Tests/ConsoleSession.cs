using System.Buffers.Binary;
using Microsoft.Playwright;

namespace CityActors.Console.Tests;

/// <summary>
/// One person at the console: a browser context of their own, signed in through the console's sign-in form, with every
/// console error and uncaught page error recorded (a test ends by checking there were none).
/// </summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    public static readonly ViewportSize WallScreen = new() { Width = 1920, Height = 1080 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly IBrowserContext _context;
    private readonly ConsoleHost _host;
    private readonly List<string> _errors = [];

    private ConsoleSession(ConsoleHost host, IBrowserContext context, IPage page, ViewportSize viewport)
    {
        (_host, _context, Page, Viewport) = (host, context, page, viewport);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"page: {error}");
            }
        };
    }

    public IPage Page { get; }

    public ViewportSize Viewport { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>
    /// Opens the console at "/" in <paramref name="language"/> ("en" or "zh"), signs in as the identity and waits until it
    /// is ready and live. With <paramref name="controlledClock"/> the page's timers run on Playwright's clock, which flows
    /// with real time until a test moves it on (<c>Page.Clock.RunForAsync</c>) to fire a page's periodic work at once.
    /// </summary>
    public static async Task<ConsoleSession> SignInAsync(ConsoleHost host, string id, string role, string org, ViewportSize? viewport = null, string language = "en", bool controlledClock = false)
    {
        ArgumentNullException.ThrowIfNull(host);
        var size = viewport ?? WallScreen;
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Api.BaseAddress.ToString(), ViewportSize = size });
        context.SetDefaultTimeout(15_000);
        await context.AddInitScriptAsync($"localStorage.setItem('cityactors.language', '{language}')");
        if (controlledClock)
        {
            await context.Clock.InstallAsync();
        }

        var session = new ConsoleSession(host, context, await context.NewPageAsync(), size);
        var page = session.Page;
        await page.GotoAsync("/");
        await page.FillAsync("#login-id", id);
        await page.SelectOptionAsync("#login-role", role);
        await page.FillAsync("#login-org", org);
        await page.ClickAsync("#login-submit");
        await session.WaitUntilReadyAsync();
        return session;
    }

    public async Task WaitUntilReadyAsync()
    {
        await Page.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await Page.WaitForSelectorAsync("body[data-live='open']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// Saves a screenshot of the whole viewport into the test output and checks the file is a real picture of it: a PNG
    /// of the viewport's size with more than a blank page's bytes. What it shows is checked through the DOM by the caller.
    /// </summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(_host.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        var bytes = await File.ReadAllBytesAsync(path);
        bytes.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, $"{path} is not a PNG");
        BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)).ShouldBe(Viewport.Width, $"{path} width");
        BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)).ShouldBe(Viewport.Height, $"{path} height");
        bytes.Length.ShouldBeGreaterThan(15_000, $"{path} is nearly empty");
        return path;
    }

    public void ShouldHaveNoErrors() => Errors.ShouldBeEmpty();

    /// <summary>
    /// No errors but the browser's own log line for each request the test made the API refuse on purpose (Chromium logs
    /// every 4xx answer to fetch as a console error; the page itself shows the refusal).
    /// </summary>
    public void ShouldHaveNoErrorsBut(int refusedRequests, int status)
    {
        var refusal = $"console: Failed to load resource: the server responded with a status of {status} ";
        Errors.Count(e => e.StartsWith(refusal, StringComparison.Ordinal)).ShouldBe(refusedRequests);
        Errors.Where(e => !e.StartsWith(refusal, StringComparison.Ordinal)).ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
