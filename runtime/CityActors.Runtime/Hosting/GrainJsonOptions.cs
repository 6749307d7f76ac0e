using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CityActors.Runtime.Hosting;

/// <summary>
/// The serializer settings for grain state, journal events and reminders. Add source-generated contexts to
/// <see cref="JsonSerializerOptions.TypeInfoResolverChain"/> (through <c>SiloBuilder.ConfigureSerializer</c>) to avoid
/// reflection; the reflection resolver stays last as a fallback.
/// </summary>
public sealed class GrainJsonOptions
{
    internal GrainJsonOptions(IEnumerable<SerializerConfiguration> configure)
    {
        // jsonb columns reorder object keys, so a type discriminator need not come first.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };
        foreach (var entry in configure)
        {
            entry.Configure(options);
        }

        options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        options.MakeReadOnly();
        Options = options;
    }

    public JsonSerializerOptions Options { get; }
}

/// <summary>A registered customization of <see cref="GrainJsonOptions"/>.</summary>
internal sealed record SerializerConfiguration(Action<JsonSerializerOptions> Configure);
