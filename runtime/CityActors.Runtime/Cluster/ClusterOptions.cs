namespace CityActors;

/// <summary>Clustered-mode settings of a silo, bound from "CityActors:Cluster".</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "CityActors:Cluster";

    /// <summary>Address the silo listens on for calls from other silos and clients.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port for silo and gateway traffic; 0 picks a free port.</summary>
    public int Port { get; set; } = 11111;

    /// <summary>Host others use to reach this silo (for example the pod IP); defaults to <see cref="ListenAddress"/>, or the machine name when listening on all addresses.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>How long a lease lasts after each renewal, measured by the database's clock.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the silo heartbeats, renews its leases and balances shards.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The silo stops serving a shard this long before its lease could expire, covering clock-rate drift and delays.</summary>
    public TimeSpan LeaseSafetyMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most shards a silo hands off per balancing round, so rebalancing is gradual.</summary>
    public int MaxShardMovesPerRound { get; set; } = 64;

    /// <summary>Reminders due within this window of now are held in memory; later ones are loaded as the window moves.</summary>
    public TimeSpan ReminderLookAhead { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Limit for opening a connection to another silo.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal IEnumerable<string> Validate()
    {
        if (Port is < 0 or > 65535)
        {
            yield return $"{SectionName}:Port must be between 0 and 65535 (was {Port}).";
        }

        if (!System.Net.IPAddress.TryParse(ListenAddress, out _))
        {
            yield return $"{SectionName}:ListenAddress must be an IP address (was '{ListenAddress}').";
        }

        if (RenewInterval <= TimeSpan.Zero || LeaseDuration <= TimeSpan.Zero || LeaseSafetyMargin < TimeSpan.Zero)
        {
            yield return $"{SectionName}:LeaseDuration and RenewInterval must be positive and LeaseSafetyMargin not negative.";
        }
        else if (RenewInterval * 2 + LeaseSafetyMargin > LeaseDuration)
        {
            yield return $"{SectionName}:LeaseDuration ({LeaseDuration}) must be at least twice RenewInterval ({RenewInterval}) plus LeaseSafetyMargin ({LeaseSafetyMargin}), or one slow heartbeat would drop every shard.";
        }

        if (MaxShardMovesPerRound < 1)
        {
            yield return $"{SectionName}:MaxShardMovesPerRound must be at least 1 (was {MaxShardMovesPerRound}).";
        }

        if (ReminderLookAhead < TimeSpan.FromSeconds(1))
        {
            yield return $"{SectionName}:ReminderLookAhead must be at least one second (was {ReminderLookAhead}).";
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:ConnectTimeout must be positive (was {ConnectTimeout}).";
        }
    }
}

/// <summary>Rejects cluster settings that would misbehave, naming each key and value.</summary>
internal sealed class ClusterOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<ClusterOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(errors);
    }
}
