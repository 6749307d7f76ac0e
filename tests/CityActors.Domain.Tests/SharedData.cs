namespace CityActors.Domain.Tests;

/// <summary>Locates the reference data in ../shared/data beside the repository.</summary>
internal static class SharedData
{
    public static string Nyc(string file)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CityActors.sln")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.Parent?.FullName ?? throw new DirectoryNotFoundException("Repository root (CityActors.sln) not found."), "shared", "data", "nyc", file);
        return File.Exists(path) ? path : throw new FileNotFoundException("Reference data is missing; it lives in ../shared/data beside the repository.", path);
    }
}
