using System.Globalization;

namespace CityActors.LoadTests.Hosting;

/// <summary>The process's limit on open files (sockets count), read from /proc/self/limits; null where unknown.</summary>
public static class OpenFileLimit
{
    public static long? Current()
    {
        const string path = "/proc/self/limits";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : null;
    }
}
