namespace CityActors.Domain.Tests;

/// <summary>Locates files the repository carries: the reference data in data/ and the packages shipped with the silo.</summary>
internal static class RepositoryData
{
    /// <summary>The folder holding CityActors.sln, found by walking up from the test binaries.</summary>
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CityActors.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("Repository root (CityActors.sln) not found.");
        }
    }

    /// <summary>A file of data/nyc (public NYC boundaries and 311 samples, see data/README.md).</summary>
    public static string Nyc(string file)
    {
        var path = Path.Combine(Root, "data", "nyc", file);
        return File.Exists(path) ? path : throw new FileNotFoundException("Reference data file is missing from data/nyc.", path);
    }
}
