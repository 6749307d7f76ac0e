using Microsoft.Extensions.Options;

namespace CityActors;

/// <summary>Silo settings, bound from the "CityActors:Silo" configuration section.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "CityActors:Silo";

    /// <summary>Name used in logs, metrics and errors.</summary>
    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>Shards grain ids hash into. Fixed for the life of a cluster: changing it moves every grain.</summary>
    public int ShardCount { get; set; } = 1024;

    /// <summary>Deadline of a grain call unless the method has [ResponseTimeout].</summary>
    public TimeSpan DefaultCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is deactivated (per class: [CollectionAge]).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often expired call deadlines are looked for; a timeout is reported at most this late.</summary>
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Limit for loading state and running OnActivateAsync.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for OnDeactivateAsync.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for deactivating every grain when the silo stops.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>Rejects settings that would misbehave at run time, naming each bad key and its value.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SiloName))
        {
            errors.Add($"{SiloOptions.SectionName}:SiloName must not be empty.");
        }

        if (options.ShardCount is < 1 or > 1 << 20)
        {
            errors.Add($"{SiloOptions.SectionName}:ShardCount must be between 1 and {1 << 20} (was {options.ShardCount}).");
        }

        Positive(errors, nameof(options.DefaultCallTimeout), options.DefaultCallTimeout);
        Positive(errors, nameof(options.CollectionAge), options.CollectionAge);
        Positive(errors, nameof(options.CollectionQuantum), options.CollectionQuantum);
        Positive(errors, nameof(options.DeadlineCheckInterval), options.DeadlineCheckInterval);
        Positive(errors, nameof(options.ActivationTimeout), options.ActivationTimeout);
        Positive(errors, nameof(options.DeactivationTimeout), options.DeactivationTimeout);
        Positive(errors, nameof(options.ShutdownTimeout), options.ShutdownTimeout);
        if (options.CollectionQuantum > options.CollectionAge)
        {
            errors.Add($"{SiloOptions.SectionName}:CollectionQuantum ({options.CollectionQuantum}) must not exceed CollectionAge ({options.CollectionAge}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{SiloOptions.SectionName}:{key} must be a positive duration (was {value}).");
        }
    }
}
