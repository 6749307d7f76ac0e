namespace CityActors.Api.Tests;

[Collection(ApiHost.Collection)]
public sealed class HostEndpointsTests(ApiHost api)
{
    [Fact]
    public async Task The_openapi_document_describes_the_case_endpoints()
    {
        var (status, document, _) = await api.SendAsync(HttpMethod.Get, "/openapi/v1.json", null);

        status.ShouldBe(200);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/cases");
        paths.ShouldContain("/api/v1/cases/{id}/{command}");
        paths.ShouldContain("/api/v1/cases/{id}");
        paths.ShouldContain("/api/v1/cases/{id}/history");
    }

    [Fact]
    public async Task The_reference_page_and_health_endpoints_answer()
    {
        using var reference = await api.Http.GetAsync("/reference/");
        reference.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await reference.Content.ReadAsStringAsync()).ShouldContain("openapi/v1.json");

        using var live = await api.Http.GetAsync("/health/live");
        live.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        using var ready = await api.Http.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Embedded_the_host_serves_the_orleans_dashboard_and_names_its_entry_points()
    {
        using var dashboard = await api.Http.GetAsync("/dashboard");
        dashboard.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        var (_, root, _) = await api.SendAsync(HttpMethod.Get, "/api/v1", null);
        root.GetProperty("mode").GetString().ShouldBe("embedded");
        root.GetProperty("dashboard").GetString().ShouldBe("/dashboard");
        root.GetProperty("developmentTokens").GetString().ShouldBe("/api/v1/dev/tokens");
        root.GetProperty("console").GetString().ShouldBe("/");
    }

    [Fact]
    public async Task The_operations_console_is_served_at_the_root_from_the_same_origin_without_a_token()
    {
        using var page = await api.Http.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("<script type=\"module\" src=\"app.js\">");

        using var script = await api.Http.GetAsync("/app.js");
        script.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        (await script.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100_000); // Leaflet and Chart.js are in the bundle
        script.Headers.CacheControl!.NoCache.ShouldBeTrue();
    }

    [Fact]
    public async Task Without_a_built_console_the_root_sends_callers_to_the_api_description()
    {
        await using var bare = ApiHost.With("--CityActors:Api:Console:Root", Path.Combine(Path.GetTempPath(), "no-console-" + Guid.NewGuid().ToString("N")));
        await bare.InitializeAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = bare.BaseAddress };

        using var root = await http.GetAsync("/");

        root.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        root.Headers.Location!.ToString().ShouldBe("/api/v1");
    }
}
