using System.Net;

namespace CityActors.Silo.Tests;

public sealed class SiloHostTests
{
    [Fact]
    public async Task The_silo_serves_health_endpoints_and_stops_cleanly_on_sigterm()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = silo.Address };

        (await http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await http.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await ready.Content.ReadAsStringAsync();
        body.ShouldContain("\"name\":\"probe-grain\",\"status\":\"Healthy\"");
        var status = await http.GetStringAsync("/");
        status.ShouldContain("\"activations\":1");
        status.ShouldContain("\"id\":\"nyc\"");

        await silo.TerminateAsync();

        silo.ExitCode.ShouldBe(0);
        silo.Output.ShouldContain("deactivating 1 activations");
        silo.Output.ShouldMatch(@"(?s)Silo \S+ stopped");
    }
}
