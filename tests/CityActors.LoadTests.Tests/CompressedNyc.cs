using CityActors.Domain.City;
using CityActors.Domain.Package;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Replay;

namespace CityActors.LoadTests.Tests;

/// <summary>The shipped NYC package compressed 100×, written and loaded once for the tests of a class.</summary>
public sealed class CompressedNyc : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("replay-city-");

    public CompressedNyc()
    {
        Package = CompressedCity.Write(Path.Combine(DemoCity.RepositoryRoot(), "silo", "CityActors.Silo", "cities", "nyc"), _scratch.FullName, 100);
        City = CityPackageLoader.Load(Package.Directory);
    }

    public CompressedCity Package { get; }

    public CityModel City { get; }

    public static string Data(string file) => Path.Combine(DemoCity.RepositoryRoot(), "data", "nyc", file);

    public void Dispose() => _scratch.Delete(recursive: true);
}
