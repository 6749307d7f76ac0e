using System.Text.Json;
using System.Text.Json.Nodes;

namespace CityActors.Api;

/// <summary>Reads a request body as a JSON tree, so endpoints can name what is wrong with each part of it.</summary>
internal static class ApiRequestBody
{
    /// <summary>The body (null when empty), or the malformed-body problem that says why it is not JSON.</summary>
    public static async Task<(JsonNode? Body, IResult? Problem)> ReadJsonAsync(HttpRequest request)
    {
        if (request.ContentLength == 0)
        {
            return (null, null);
        }

        try
        {
            return (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted), null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.MalformedBody(ex.Message));
        }
    }
}
