namespace CityActors.Console.Tests;

/// <summary>
/// A console host of its own (no seeded cases) over the NYC package with time compressed <see cref="Factor"/> times: a
/// one-hour stage limit is fifteen seconds, so SLA warnings, overdue marks and escalations happen during a test, by the
/// host's real clock.
/// </summary>
public sealed class CompressedCityConsoleHost : IAsyncLifetime
{
    public const double Factor = 240;

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("cityactors-console-");

    public ConsoleHost Console { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var city = CompressedNyc.Write(Path.Combine(AppContext.BaseDirectory, "cities", "nyc"), _scratch.FullName, Factor);
        Console = new ConsoleHost(ApiHost.With(city.HostSettings), seed: false);
        await Console.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Console is not null)
        {
            await Console.DisposeAsync();
        }

        _scratch.Delete(recursive: true);
    }
}
