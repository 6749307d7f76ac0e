namespace CityActors.Testing;

/// <summary>Locates files the repository carries: the reference data in data/ and the packages shipped with the silo.</summary>
public static class RepositoryFiles
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

    /// <summary>data/nyc: the public NYC boundaries and 311 samples the NYC package is built from (see data/README.md).</summary>
    public static string NycDirectory => Path.Combine(Root, "data", "nyc");

    /// <summary>The NYC package shipped with the silo.</summary>
    public static string ShippedNycPackage => Path.Combine(Root, "silo", "CityActors.Silo", "cities", "nyc");

    /// <summary>A file of data/nyc.</summary>
    public static string Nyc(string file)
    {
        var path = Path.Combine(NycDirectory, file);
        return File.Exists(path) ? path : throw new FileNotFoundException("Reference data file is missing from data/nyc.", path);
    }

    /// <summary>
    /// The silo executable built in the caller's own configuration and framework (a test or benchmark in
    /// bin/Debug/net10.0 runs silo/CityActors.Silo/bin/Debug/net10.0/CityActors.Silo.dll).
    /// </summary>
    public static string SiloAssembly
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(Root, "silo", "CityActors.Silo", "bin", output.Parent!.Name, output.Name, "CityActors.Silo.dll");
        }
    }
}
