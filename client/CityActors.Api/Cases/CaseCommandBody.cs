using System.Text.Json;
using System.Text.Json.Nodes;
using CityActors.Domain.Cases;

namespace CityActors.Api.Cases;

/// <summary>
/// Reads a command's body (its own fields, camelCase, as in the domain's JSON contract) into the domain command,
/// with the acting identity taken from the authenticated caller: a <c>by</c> in the body is ignored.
/// </summary>
public static class CaseCommandBody
{
    /// <exception cref="JsonException">The body is not a JSON object, or its fields do not fit the command.</exception>
    public static CaseCommand Read(string command, JsonNode? body, Actor caller)
    {
        var fields = body switch
        {
            null => new JsonObject(),
            JsonObject o => (JsonObject)o.DeepClone(),
            _ => throw new JsonException($"The body of {command} must be a JSON object (or empty)."),
        };

        foreach (var name in fields.Select(p => p.Key).Where(k => k.Equals("by", StringComparison.OrdinalIgnoreCase) || k.StartsWith('$')).ToList())
        {
            fields.Remove(name);
        }

        fields["$command"] = command;
        fields["by"] = JsonSerializer.SerializeToNode(caller, ApiJson.Options);
        return fields.Deserialize<CaseCommand>(ApiJson.Options)
            ?? throw new JsonException($"The body of {command} is empty.");
    }
}
