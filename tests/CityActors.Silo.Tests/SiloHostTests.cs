using System.Net;

namespace CityActors.Silo.Tests;

public sealed class SiloHostTests
{
    [Fact]
    public async Task The_embedded_silo_serves_health_the_dashboard_and_its_city_and_stops_cleanly_on_sigterm()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = silo.Address };

        (await http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await http.GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldContain("\"name\":\"silo\",\"status\":\"Healthy\"");
        body.ShouldContain("is Active; its probe grain answered");
        var status = await http.GetStringAsync("/");
        status.ShouldContain("\"mode\":\"embedded\"");
        status.ShouldContain("\"id\":\"nyc\"");
        (await http.GetAsync("/dashboard/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await silo.TerminateAsync();

        silo.ExitCode.ShouldBe(0, silo.Output);
        silo.Output.ShouldContain("Application is shutting down");
    }
}
