using System.Text.Json;
using CityActors.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Configuration;
using Orleans.Serialization.Cloning;

namespace CityActors.GrainInterfaces.Serialization;

/// <summary>
/// How the domain's types travel and are stored. The records of <c>CityActors.Domain</c> (commands, events, states,
/// views) are plain classes with System.Text.Json contracts (polymorphism through [JsonDerivedType] names), and the
/// journals and grain state in PostgreSQL are that same JSON. Orleans carries them with its System.Text.Json codec, so
/// there is one contract for the wire and for storage: a property added later is simply absent from old rows and old
/// messages, and renaming a C# type never breaks a stored journal. Records declared with the grain interfaces use
/// Orleans' generated serializers. Silos and clients must both call <see cref="AddCityActorsSerialization"/>.
/// </summary>
public static class DomainSerialization
{
    private const string DomainNamespace = "CityActors.Domain";

    /// <summary>The JSON options for domain types on the wire and in storage (web defaults: camelCase, numbers as numbers).</summary>
    /// <remarks>
    /// PostgreSQL's jsonb keeps object keys in its own order (shorter keys first), so a polymorphic record read back
    /// from the database may have its "$type" discriminator after other properties; reading must allow that.
    /// Non-finite numbers are written as the named literals ("NaN", "Infinity") so a bad sensor value reaches the
    /// check that refuses it instead of failing the call that carries it.
    /// </remarks>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString | System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Domain types travel as JSON; exceptions have their own codecs (see <see cref="CaseCommandExceptionConverter"/>).</summary>
    public static bool IsDomainType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Namespace is { } ns
            && (ns == DomainNamespace || ns.StartsWith(DomainNamespace + ".", StringComparison.Ordinal))
            && !typeof(Exception).IsAssignableFrom(type);
    }

    public static ISerializerBuilder AddCityActorsSerialization(this ISerializerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Orleans only deserializes types it was told to trust; the domain assembly's types travel in JSON payloads.
        builder.Services.Configure<TypeManifestOptions>(o => o.AddAllowedAssembly(typeof(CaseState).Assembly));
        builder.Services.AddSingleton<IGeneralizedCopier, ImmutableDomainCopier>();
        return builder.AddJsonSerializer(
            isSerializable: IsDomainType,
            isCopyable: t => IsDomainType(t) && !(!t.IsAbstract && ImmutableDomainRecords.IsImmutable(t)),
            configureOptions: o => o.Configure(options => options.SerializerOptions = Json));
    }
}
