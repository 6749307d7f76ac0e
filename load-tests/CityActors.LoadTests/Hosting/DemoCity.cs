using CityActors.Domain.City;
using CityActors.Domain.Package;

namespace CityActors.LoadTests.Hosting;

/// <summary>
/// The NYC demo city the silo executable ships (silo/CityActors.Silo/cities/nyc), loaded once per process: every silo
/// of CityActors needs a city (the case decider and projection do), and the case and geo benchmarks use it.
/// </summary>
public static class DemoCity
{
    private static readonly Lazy<CityModel> Loaded = new(() => CityPackageLoader.Load(Path.Combine(RepositoryRoot(), "silo", "CityActors.Silo", "cities", "nyc")));

    public static CityModel Nyc => Loaded.Value;

    /// <summary>The repository root: the nearest directory above the executable holding CityActors.sln.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CityActors.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Run the load tests from inside the repository (they read the demo city from it).");
    }
}
