using System.Net;
using System.Text.Json;
using Json.Schema;

namespace CityActors.Api.Tests;

/// <summary>
/// Open311 JSON output checked against JSON Schemas written from the GeoReport v2 specification's response tables
/// (Open311Schemas/; the specification itself publishes field tables and examples, not schemas).
/// </summary>
[Collection(ApiHost.Collection)]
public sealed class Open311SchemaTests(ApiHost api)
{
    [Theory]
    [InlineData("/open311/discovery.json", "discovery")]
    [InlineData("/open311/v2/services.json", "services")]
    [InlineData("/open311/v2/services/NYC001.json", "service-definition")]
    [InlineData("/open311/v2/requests.json?extensions=true", "service-requests")]
    [InlineData("/open311/v2/services/NOPE.json", "errors")]
    [InlineData("/open311/v2/requests.json?status=pending", "errors")]
    public async Task Every_json_resource_fits_its_schema(string path, string schema)
    {
        using var response = await api.Http.GetAsync(path);

        Validate(schema, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Posted_requests_and_the_requests_read_back_fit_their_schemas()
    {
        using var posted = await api.Http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = "demo-open311-key", ["service_code"] = "NYC001", ["lat"] = "40.75", ["long"] = "-73.993", ["description"] = "schema check",
        }));
        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await posted.Content.ReadAsStringAsync();
        Validate("post-response", body);
        var id = JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetString();

        Validate("service-requests", await api.Http.GetStringAsync($"/open311/v2/requests/{id}.json?extensions=true"));
        Validate("service-requests", await api.Http.GetStringAsync($"/open311/v2/requests.json?service_request_id={id}"));
        using var refused = await api.Http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string> { ["service_code"] = "NYC001" }));
        Validate("errors", await refused.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("services", """[{"service_code":"X","service_name":"x","metadata":"false","type":"realtime"}]""")]
    [InlineData("service-requests", """[{"service_request_id":"1","status":"pending","service_code":"X","requested_datetime":"2026-11-30T08:00:00-05:00"}]""")]
    [InlineData("service-requests", """[{"service_request_id":"1","status":"open","service_code":"X","requested_datetime":"yesterday"}]""")]
    [InlineData("errors", """{"code":400,"description":"not a list"}""")]
    public void The_schemas_refuse_what_the_specification_does_not_allow(string schema, string json) =>
        Should.Throw<ShouldAssertException>(() => Validate(schema, json));

    // A schema is registered globally by its file's URI when loaded; each is loaded once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);

    private static void Validate(string schema, string json)
    {
        var loaded = Schemas.GetOrAdd(schema, name => new Lazy<JsonSchema>(() => JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Open311Schemas", $"{name}.schema.json")))).Value;
        var evaluation = loaded
            .Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        evaluation.IsValid.ShouldBeTrue(
            $"{schema}: " + string.Join("; ", (evaluation.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")))
            + Environment.NewLine + json);
    }
}
