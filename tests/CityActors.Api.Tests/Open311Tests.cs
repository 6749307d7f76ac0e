using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace CityActors.Api.Tests;

/// <summary>Open311 GeoReport v2 over HTTP, in both formats, with the specification's element names and error lists.</summary>
[Collection(ApiHost.Collection)]
public sealed class Open311Tests(ApiHost api)
{
    private const string Key = "demo-open311-key";

    [Fact]
    public async Task Discovery_names_the_v2_endpoint_in_both_formats()
    {
        var json = JsonDocument.Parse(await api.Http.GetStringAsync("/open311/discovery.json")).RootElement;
        var xml = XDocument.Parse(await api.Http.GetStringAsync("/open311/discovery.xml"));

        json.GetProperty("endpoints")[0].GetProperty("url").GetString()!.ShouldEndWith("/open311/v2/");
        json.GetProperty("endpoints")[0].GetProperty("specification").GetString().ShouldBe("http://wiki.open311.org/GeoReport_v2");
        xml.Root!.Name.LocalName.ShouldBe("discovery");
        xml.Root.Element("endpoints")!.Element("endpoint")!.Element("url")!.Value.ShouldEndWith("/open311/v2/");
        json.GetProperty("endpoints")[0].GetProperty("formats").EnumerateArray().Select(f => f.GetString()).ShouldBe(["application/json", "text/xml"]);
        xml.Root.Element("endpoints")!.Element("endpoint")!.Element("formats")!.Elements("format").Select(f => f.Value).ShouldBe(["application/json", "text/xml"]);
    }

    [Fact]
    public async Task Services_are_the_matter_catalogue_with_definitions()
    {
        var services = JsonDocument.Parse(await api.Http.GetStringAsync("/open311/v2/services.json")).RootElement;
        var xml = XDocument.Parse(await api.Http.GetStringAsync("/open311/v2/services.xml"));
        var definition = JsonDocument.Parse(await api.Http.GetStringAsync("/open311/v2/services/NYC001.json")).RootElement;
        using var unknown = await api.Http.GetAsync("/open311/v2/services/NOPE.json");

        var noise = services.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "NYC001");
        foreach (var field in new[] { "service_name", "description", "metadata", "type", "keywords", "group" })
        {
            noise.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        noise.GetProperty("type").GetString().ShouldBe("realtime");
        xml.Root!.Name.LocalName.ShouldBe("services");
        xml.Root.Elements("service").Select(s => s.Element("service_code")!.Value).ShouldContain("NYC001");
        definition.GetProperty("service_code").GetString().ShouldBe("NYC001");
        definition.GetProperty("attributes").GetArrayLength().ShouldBe(0);
        var definitionXml = XDocument.Parse(await api.Http.GetStringAsync("/open311/v2/services/NYC001.xml")).Root!;
        definitionXml.Name.LocalName.ShouldBe("service_definition");
        definitionXml.Element("service_code")!.Value.ShouldBe("NYC001");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var error = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement[0];
        error.GetProperty("code").GetInt32().ShouldBe(404);
        error.GetProperty("description").GetString()!.ShouldContain("NOPE");
    }

    [Fact]
    public async Task A_posted_request_becomes_an_open311_case_readable_by_id_token_and_query_without_reporter_data()
    {
        using var posted = await PostAsync("json", new()
        {
            ["api_key"] = Key, ["service_code"] = "NYC001", ["lat"] = "40.75", ["long"] = "-73.993",
            ["description"] = "Loud music every night", ["first_name"] = "Ada", ["last_name"] = "Lovelace", ["phone"] = "212-555-0199",
            ["media_url"] = "https://photos.example/1.jpg",
        });
        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!;
        id.ShouldStartWith("o311-");

        var byId = await api.Http.GetStringAsync($"/open311/v2/requests/{id}.json?extensions=true");
        var request = JsonDocument.Parse(byId).RootElement[0];
        request.GetProperty("status").GetString().ShouldBe("open");
        request.GetProperty("service_code").GetString().ShouldBe("NYC001");
        request.GetProperty("service_name").GetString().ShouldNotBeNullOrEmpty();
        request.GetProperty("description").GetString().ShouldBe("Loud music every night");
        request.GetProperty("lat").GetDouble().ShouldBe(40.75);
        request.GetProperty("long").GetDouble().ShouldBe(-73.993);
        request.GetProperty("expected_datetime").GetString().ShouldNotBeNull();
        request.GetProperty("extended_attributes").GetProperty("channel").GetString().ShouldBe("Open311");
        byId.ShouldNotContain("Lovelace");
        byId.ShouldNotContain("555-0199");

        var xml = XDocument.Parse(await api.Http.GetStringAsync($"/open311/v2/requests/{id}.xml"));
        xml.Root!.Name.LocalName.ShouldBe("service_requests");
        xml.Root.Element("request")!.Element("service_request_id")!.Value.ShouldBe(id);
        var token = JsonDocument.Parse(await api.Http.GetStringAsync($"/open311/v2/tokens/{id}.json")).RootElement[0];
        token.GetProperty("service_request_id").GetString().ShouldBe(id);

        var listed = JsonDocument.Parse(await api.Http.GetStringAsync($"/open311/v2/requests.json?service_request_id={id},o311-none")).RootElement;
        listed.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()).ShouldBe([id]);
        await CityActors.Testing.Eventually.Until(async () =>
            JsonDocument.Parse(await api.Http.GetStringAsync("/open311/v2/requests.json?service_code=NYC001&status=open")).RootElement
                .EnumerateArray().Any(r => r.GetProperty("service_request_id").GetString() == id));
        JsonDocument.Parse(await api.Http.GetStringAsync("/open311/v2/requests.json?service_code=NYC001&status=closed")).RootElement
            .EnumerateArray().ShouldNotContain(r => r.GetProperty("service_request_id").GetString() == id);
    }

    [Theory]
    [InlineData("", "NYC001", "40.75", "-73.99", 403)]
    [InlineData("stolen-key", "NYC001", "40.75", "-73.99", 403)]
    [InlineData(Key, "", "40.75", "-73.99", 400)]
    [InlineData(Key, "NYC001", "40.75", "", 400)]
    [InlineData(Key, "NYC001", "north", "-73.99", 400)]
    [InlineData(Key, "NYC001", "95", "-73.99", 400)]
    [InlineData(Key, "NOPE", "40.75", "-73.99", 400)]
    [InlineData(Key, "NYC001", "48.85", "2.35", 400)]
    public async Task A_bad_post_is_an_error_list_with_the_specifications_status(string key, string service, string lat, string lon, int status)
    {
        using var response = await PostAsync("xml", new() { ["api_key"] = key, ["service_code"] = service, ["lat"] = lat, ["long"] = lon });

        ((int)response.StatusCode).ShouldBe(status);
        var errors = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        errors.Name.LocalName.ShouldBe("errors");
        errors.Element("error")!.Element("code")!.Value.ShouldBe(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        errors.Element("error")!.Element("description")!.Value.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("/open311/v2/requests.json?start_date=yesterday", 400)]
    [InlineData("/open311/v2/requests.json?status=pending", 400)]
    [InlineData("/open311/v2/requests.json?page_size=5000", 400)]
    [InlineData("/open311/v2/requests.json?jurisdiction_id=boston", 404)]
    [InlineData("/open311/v2/services.json?jurisdiction_id=boston", 404)]
    [InlineData("/open311/v2/services.yaml", 404)]
    [InlineData("/open311/v2/requests/o311-never.json", 404)]
    public async Task Bad_queries_are_error_lists(string path, int status)
    {
        using var response = await api.Http.GetAsync(path);

        ((int)response.StatusCode).ShouldBe(status);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32().ShouldBe(status);
    }

    [Fact]
    public async Task An_address_is_placed_by_the_unit_its_address_id_names_and_an_address_alone_is_refused()
    {
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");
        var community = (await api.SendAsync(HttpMethod.Get, "/api/v1/grid?lon=-73.993&lat=40.75", leader)).Body.GetProperty("community").GetProperty("code").GetString()!;

        using var placed = await PostAsync("json", new() { ["api_key"] = Key, ["service_code"] = "NYC001", ["address_string"] = "350 5th Ave", ["address_id"] = community });
        using var alone = await PostAsync("json", new() { ["api_key"] = Key, ["service_code"] = "NYC001", ["address_string"] = "350 5th Ave" });
        using var unknownUnit = await PostAsync("json", new() { ["api_key"] = Key, ["service_code"] = "NYC001", ["address_string"] = "350 5th Ave", ["address_id"] = "atlantis" });

        placed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = JsonDocument.Parse(await placed.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString();
        JsonDocument.Parse(await api.Http.GetStringAsync($"/open311/v2/requests/{id}.json")).RootElement[0].GetProperty("address").GetString().ShouldBe("350 5th Ave");
        alone.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await alone.Content.ReadAsStringAsync()).ShouldContain("geocoder");
        unknownUnit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_json_body_instead_of_a_form_is_refused()
    {
        using var response = await api.Http.PostAsync("/open311/v2/requests.json", new StringContent("""{"api_key":"demo-open311-key"}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private Task<HttpResponseMessage> PostAsync(string format, Dictionary<string, string> fields) =>
        api.Http.PostAsync($"/open311/v2/requests.{format}", new FormUrlEncodedContent(fields));
}
