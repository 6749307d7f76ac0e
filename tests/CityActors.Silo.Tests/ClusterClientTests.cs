using CityActors.Client;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityActors.Silo.Tests;

public sealed class ClusterClientTests
{
    [Fact]
    public async Task A_front_end_reaches_cases_through_the_gateway_with_a_static_gateway_list()
    {
        await using var silo = await SiloProcess.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CityActors:Client:Gateways:0"] = $"127.0.0.1:{silo.GatewayPort}",
        });
        builder.UseOrleansClient(client => client.UseCityActorsCluster(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();

        var report = new CaseReport(Channel.Hotline, "client-1", "NYC001", "Pothole at Times Square", ReportedLocation.At(-73.9855, 40.758), new Reporter(Phone: "212"));
        var created = await grains.GetGrain<ICaseGrain>(Channels.CaseIdFor(Channel.Hotline, "client-1")).Execute(new ReportCase(new Actor("hotline", Role.ChannelSystem, "hotline"), report));

        created.Status.ShouldNotBe(CaseStatus.None);
        created.Place.DistrictCode.ShouldNotBeNullOrEmpty();
        var refused = await Should.ThrowAsync<CaseCommandException>(() => grains.GetGrain<ICaseGrain>(created.Id).Execute(new AcceptCase(new Actor("nobody", Role.CentreOperator, "nowhere"))));
        refused.Kind.ShouldBe(CaseErrorKind.InvalidTransition);
        refused.Message.ShouldContain("AcceptCase needs it to be Verified");
        (await Should.ThrowAsync<CaseCommandException>(() => grains.GetGrain<ICaseGrain>(created.Id).Execute(new TimerDue(Actor.Clock, "verify"))))
            .Message.ShouldBe("TimerDue is sent by the cluster itself, not through the public case interface.");
        await host.StopAsync();
    }

    [Fact]
    public void A_client_without_gateways_is_refused_with_the_key_to_set()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CityActors:Client:Gateways:0"] = "silo:http" }).Build();
        var builder = Host.CreateApplicationBuilder();

        var error = Should.Throw<InvalidOperationException>(() => builder.UseOrleansClient(client => client.UseCityActorsCluster(configuration)));

        error.Message.ShouldBe("The cluster client is not configured: CityActors:Client:Gateways has 'silo:http', which is not host:port with a port 1–65535.");
    }
}
