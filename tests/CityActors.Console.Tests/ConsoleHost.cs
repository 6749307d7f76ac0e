using System.Diagnostics;
using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.GrainInterfaces.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CityActors.Console.Tests;

/// <summary>
/// One API host (embedded silo, NYC demo city, the built console at "/") that gets <see cref="SeededCases"/> open cases
/// outside Manhattan, and one headless Chromium for all the console's tests. The seeded cases are put in through the
/// case grains (as the hotline would), which is many times faster than over HTTP, while the other tests run: their own
/// cases go in over HTTP and Open311 in Manhattan, where nothing else is; the load-time test waits for <see cref="Seeded"/>.
/// </summary>
public sealed class ConsoleHost : IAsyncLifetime
{
    public const int SeededCases = 10_000;

    /// <summary>Debian's Chromium; CITYACTORS_CHROMIUM names another build of Chromium.</summary>
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CITYACTORS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly bool _seed;
    private IPlaywright? _playwright;

    public ConsoleHost()
        : this(new ApiHost(), seed: true)
    {
    }

    /// <summary>A console over <paramref name="api"/>, with the seeded cases only when <paramref name="seed"/>.</summary>
    internal ConsoleHost(ApiHost api, bool seed) => (Api, _seed) = (api, seed);

    public ApiHost Api { get; }

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Completes with the time it took once every seeded case is in.</summary>
    public Task<TimeSpan> Seeded { get; private set; } = null!;

    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "console-screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No Chromium at {ChromiumPath}: install Debian's chromium package (apt-get install -y chromium), as .ci/run does, or set CITYACTORS_CHROMIUM.");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        var browser = StartBrowserAsync();
        await Api.InitializeAsync();
        Seeded = _seed ? SeedAsync() : Task.FromResult(TimeSpan.Zero);
        Browser = await browser;
    }

    public async Task DisposeAsync()
    {
        if (Seeded is not null)
        {
            await Seeded;
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Api.DisposeAsync();
    }

    private async Task<IBrowser> StartBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,

            // Containers run the tests as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>Open hotline cases spread over the grid cells of the four boroughs outside Manhattan.</summary>
    private async Task<TimeSpan> SeedAsync()
    {
        var seeding = Stopwatch.StartNew();
        var city = Api.Services.GetRequiredService<CityModel>();
        var grains = Api.Services.GetRequiredService<IGrainFactory>();
        var points = city.Units
            .Where(u => u.Level == OrgLevel.Grid && !u.Code.StartsWith("nyc.1.", StringComparison.Ordinal) && u.Boundary is not null)
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => u.Boundary!.InteriorPoint)
            .ToList();
        var hotline = new Actor("hotline-gateway", Role.ChannelSystem, "Hotline");
        await Parallel.ForEachAsync(Enumerable.Range(0, SeededCases), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, _) =>
        {
            var point = points[(n * 7919) % points.Count];
            var report = new CaseReport(Channel.Hotline, $"seed-{n}", "NYC00" + ((n % 6) + 1), "Seeded for the console's load test", ReportedLocation.At(point.X, point.Y));
            await grains.GetGrain<ICaseGrain>(Channels.CaseIdFor(report.Channel, report.ExternalId)).Execute(new ReportCase(hotline, report));
        });
        return seeding.Elapsed;
    }
}
