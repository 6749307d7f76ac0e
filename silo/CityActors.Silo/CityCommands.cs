using CityActors.CityPackages.Nyc;
using CityActors.Domain.City;
using CityActors.Domain.Geography;
using CityActors.Domain.Package;

namespace CityActors.Silo;

/// <summary>
/// Operator commands that run instead of the silo:
/// <c>build-city nyc &lt;data-dir&gt; &lt;out-dir&gt;</c> rebuilds the NYC demo package from the public data the repository
/// carries in data/nyc (<c>build-city nyc data/nyc silo/CityActors.Silo/cities/nyc</c> from the repository root);
/// <c>check-city &lt;package-dir&gt;</c> validates a package and prints its shape.
/// </summary>
internal static class CityCommands
{
    public static int? TryRun(string[] args, TextWriter output, TextWriter error)
    {
        switch (args)
        {
            case ["build-city", "nyc", var data, var target]:
                try
                {
                    NycPackageBuilder.Build(data, target);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or GeoJsonException)
                {
                    error.WriteLine($"cannot build the NYC package from {Path.GetFullPath(data)}: {ex.Message}");
                    return 1;
                }

                output.WriteLine($"NYC package written to {Path.GetFullPath(target)}");
                return Check(target, output, error);
            case ["check-city", var package]:
                return Check(package, output, error);
            case ["build-city" or "check-city", ..]:
                error.WriteLine("usage: build-city nyc <data-dir> <out-dir> | check-city <package-dir>");
                return 2;
            default:
                return null;
        }
    }

    private static int Check(string package, TextWriter output, TextWriter error)
    {
        try
        {
            var city = CityPackageLoader.Load(package);
            output.WriteLine($"{city.Name} ({city.Id} {city.Version}): {city.CountAt(OrgLevel.District)} districts, {city.CountAt(OrgLevel.Street)} streets, " +
                $"{city.CountAt(OrgLevel.Community)} communities, {city.CountAt(OrgLevel.Grid)} grid cells, {city.Centres.Count()} operations centres, " +
                $"{city.Departments.Count()} departments, {city.Catalogue.Matters.Count} matters, " +
                $"{city.Sensors.Kinds.Count} sensor kinds, {city.Sensors.Fleet.Count} fleet sensors, {city.EmergencyProfiles.Count} emergency profiles");
            return 0;
        }
        catch (CityPackageException ex)
        {
            error.WriteLine(ex.Message);
            return 1;
        }
    }
}
