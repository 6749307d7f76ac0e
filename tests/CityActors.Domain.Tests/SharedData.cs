namespace CityActors.Domain.Tests;

/// <summary>Locates the reference data in ../shared/data beside the repository.</summary>
internal static class SharedData
{
    public static string RepositoryRoot
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

    public static string Nyc(string file)
    {
        var path = Path.Combine(RepositoryRoot, "..", "shared", "data", "nyc", file);
        return File.Exists(path) ? path : throw new FileNotFoundException("Reference data is missing; it lives in ../shared/data beside the repository.", path);
    }
}
