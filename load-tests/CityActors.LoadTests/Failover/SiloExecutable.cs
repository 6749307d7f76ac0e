using System.Diagnostics;
using CityActors.Testing;

namespace CityActors.LoadTests.Failover;

/// <summary>
/// The silo executable the failover benchmark runs as real processes: silo/CityActors.Silo built in this benchmark's
/// own configuration (built first, so the processes run the code of this working tree).
/// </summary>
internal static class SiloExecutable
{
    public static async Task<string> BuildAsync(TextWriter log)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var project = Path.Combine(RepositoryFiles.Root, "silo", "CityActors.Silo");
        log.WriteLine($"  building silo/CityActors.Silo ({configuration})");
        var build = new ProcessStartInfo("dotnet", ["build", project, "-c", configuration, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(build)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the silo failed:{Environment.NewLine}{await output.ConfigureAwait(false)}{await error.ConfigureAwait(false)}");
        }

        var dll = RepositoryFiles.SiloAssembly;
        return File.Exists(dll) ? dll : throw new FileNotFoundException("The silo build produced no CityActors.Silo.dll.", dll);
    }
}
