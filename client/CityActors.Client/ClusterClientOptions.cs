namespace CityActors.Client;

/// <summary>
/// The "CityActors:Client" configuration section: where a front-end finds the cluster. Front-ends only ever know
/// gateway addresses, never database credentials.
/// </summary>
public sealed class ClusterClientOptions
{
    public const string SectionName = "CityActors:Client";

    /// <summary>Gateway silos as "host:port" (a Kubernetes service name resolves to the gateway pods), for example "cityactors-silo:30000".</summary>
    public List<string> Gateways { get; } = [];

    public string ClusterId { get; set; } = "cityactors";

    public string ServiceId { get; set; } = "cityactors";

    /// <summary>Every problem with the settings, each naming its key; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Gateways.Count == 0)
        {
            errors.Add($"{SectionName}:Gateways must list at least one gateway as host:port.");
        }

        foreach (var gateway in Gateways)
        {
            if (!GatewayAddress.TryParse(gateway, out _))
            {
                errors.Add($"{SectionName}:Gateways has '{gateway}', which is not host:port with a port 1–65535.");
            }
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
        {
            errors.Add($"{SectionName}:ClusterId and {SectionName}:ServiceId must not be empty.");
        }

        return errors;
    }
}
