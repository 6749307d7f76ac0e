using System.Text.Json;
using System.Text.Json.Serialization;
using CityActors.GrainInterfaces.Serialization;

namespace CityActors.Api;

/// <summary>
/// The API's JSON: the domain's own contract (<see cref="DomainSerialization.Json"/>: camelCase names, "$command"
/// discriminators), with enums written as camelCase names for people and front-ends (numbers are still read), and
/// required, non-nullable fields enforced when reading.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        // A field the record requires (a reason, a department) that is missing or null is a bad request, not a null
        // deep inside the decider.
        var options = new JsonSerializerOptions(DomainSerialization.Json)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
