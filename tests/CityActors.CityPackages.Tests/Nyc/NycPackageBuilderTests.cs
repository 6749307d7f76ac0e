using CityActors.Testing;
using CityActors.CityPackages.Nyc;

namespace CityActors.CityPackages.Tests.Nyc;

/// <summary>The builder reproduces the shipped package from the repository's data/nyc, byte for byte.</summary>
public sealed class NycPackageBuilderTests
{
    [Fact]
    public void The_shipped_package_is_exactly_what_the_builder_produces()
    {
        var target = Path.Combine(Path.GetTempPath(), "cityactors-nyc-" + Guid.NewGuid().ToString("N"));
        try
        {
            NycPackageBuilder.Build(RepositoryFiles.NycDirectory, target);

            foreach (var file in new[] { "city.json", "boundaries.geojson", "matters.json", "sensors.json", "emergency.json" })
            {
                File.ReadAllBytes(Path.Combine(target, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(RepositoryFiles.ShippedNycPackage, file)))
                    .ShouldBeTrue($"{file} differs from the builder's output; rebuild with: dotnet run --project silo/CityActors.Silo -- build-city nyc data/nyc silo/CityActors.Silo/cities/nyc");
            }
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }
}
