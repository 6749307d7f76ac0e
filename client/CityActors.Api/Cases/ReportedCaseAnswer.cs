using System.Text.Json;
using System.Text.Json.Nodes;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CityActors.Api.Cases;

/// <summary>
/// Intake's answer: the case as every case endpoint shows it, with the model's suggestions for it beside its fields
/// (<c>suggestions</c>, null without a model), so a front-end that reads a case reads this answer unchanged.
/// </summary>
internal static class ReportedCaseAnswer
{
    public const string SuggestionsProperty = "suggestions";

    public static JsonObject Of(CaseView view, CaseSuggestionView? suggestions)
    {
        var answer = JsonSerializer.SerializeToNode(view, ApiJson.Options)!.AsObject();
        answer[SuggestionsProperty] = JsonSerializer.SerializeToNode(suggestions, ApiJson.Options);
        return answer;
    }

    /// <summary>The 201 answer's schema: the case's schema with the suggestions property added (all of both).</summary>
    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Responses is null || !operation.Responses.TryGetValue("201", out var created)
            || created.Content is null || !created.Content.TryGetValue("application/json", out var json) || json.Schema is not { } caseSchema)
        {
            return;
        }

        // The suggestion endpoints put CaseSuggestionView among the document's schemas; refer to it there.
        IOpenApiSchema suggestions = context.Document is { } document
            ? new OpenApiSchemaReference(nameof(CaseSuggestionView), document)
            : await context.GetOrCreateSchemaAsync(typeof(CaseSuggestionView), cancellationToken: cancellationToken);
        json.Schema = new OpenApiSchema
        {
            AllOf =
            [
                caseSchema,
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { SuggestionsProperty },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        [SuggestionsProperty] = new OpenApiSchema
                        {
                            Description = "The city model's suggestions for the case (as GET /api/v1/cases/{id}/suggestions); null when the city ships no model or the model could not answer.",
                            OneOf = [suggestions, new OpenApiSchema { Type = JsonSchemaType.Null }],
                        },
                    },
                },
            ],
        };
    }
}
