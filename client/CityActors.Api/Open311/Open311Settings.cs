namespace CityActors.Api.Open311;

/// <summary>
/// <c>CityActors:Open311</c>: the jurisdiction this endpoint serves (<c>JurisdictionId</c>, default "nyc") and the API
/// keys of the Open311 clients allowed to post requests (<c>ApiKeys:{key}</c> = the client's name, which becomes the
/// reporting identity in the case's history).
/// </summary>
public sealed class Open311Settings
{
    public string JurisdictionId { get; init; } = "nyc";

    public IReadOnlyDictionary<string, string> ApiKeys { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The key embedded mode accepts when none is configured, so the demo city can be tried with any Open311 client.</summary>
    public const string DemoApiKey = "demo-open311-key";

    public static Open311Settings From(IConfiguration configuration, bool embedded)
    {
        var section = configuration.GetSection("CityActors:Open311");
        var keys = section.GetSection("ApiKeys").GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal);
        if (embedded && keys.Count == 0)
        {
            keys[DemoApiKey] = "open311-demo-client";
        }

        return new Open311Settings { JurisdictionId = section["JurisdictionId"] ?? "nyc", ApiKeys = keys };
    }
}
