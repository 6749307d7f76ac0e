using System.Text.Json;
using CityActors.Domain.City;

namespace CityActors.Assist.Cases;

/// <summary>
/// assist.json, optional in a city package: which model artefact the city uses and how the model's labels, learned from
/// some city's 311 history, map onto this city. History types map to catalogue matters and history departments to the
/// city's agencies; a label with no mapping is dropped from suggestions (the model may know types the city does not).
/// Channels map the city's intake channels to the history's channel names.
/// </summary>
/// <param name="Model">The model directory, relative to the package.</param>
/// <param name="Matters">History type → catalogue matter code.</param>
/// <param name="Departments">History department → agency of the city.</param>
/// <param name="Channels">Channel (<c>Hotline</c>, <c>WebApp</c>, …) → the history's channel name.</param>
public sealed record AssistPackage(
    string Model,
    IReadOnlyDictionary<string, string> Matters,
    IReadOnlyDictionary<string, string> Departments,
    IReadOnlyDictionary<string, string> Channels)
{
    public const string FileName = "assist.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The package's assist.json checked against the city, or null when the package has none.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or names matters or agencies the city lacks (all listed).</exception>
    public static AssistPackage? Load(string packageDirectory, CityModel city)
    {
        ArgumentNullException.ThrowIfNull(city);
        var path = Path.Combine(packageDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        AssistPackage? package;
        try
        {
            package = JsonSerializer.Deserialize<AssistPackage>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }

        if (package is null || string.IsNullOrWhiteSpace(package.Model) || package.Matters is null)
        {
            throw new InvalidDataException($"{path}: 'model' and 'matters' are required.");
        }

        package = package with { Departments = package.Departments ?? new Dictionary<string, string>(), Channels = package.Channels ?? new Dictionary<string, string>() };
        var agencies = city.Departments.Select(d => d.Agency).ToHashSet(StringComparer.Ordinal);
        var errors = package.Matters.Where(m => city.Catalogue.Find(m.Value) is null).Select(m => $"type '{m.Key}' maps to matter '{m.Value}', which is not in catalogue {city.Catalogue.Id}")
            .Concat(package.Departments.Where(d => !agencies.Contains(d.Value)).Select(d => $"department '{d.Key}' maps to agency '{d.Value}', which has no department in city {city.Id}"))
            .ToList();
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{path}: {string.Join("; ", errors)}.");
        }

        return package;
    }

    public string ModelDirectory(string packageDirectory) => Path.GetFullPath(Path.Combine(packageDirectory, Model));
}
