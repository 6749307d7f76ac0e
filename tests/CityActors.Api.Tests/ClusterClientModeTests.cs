using System.Security.Cryptography;
using CityActors.Api.Security;
using CityActors.Domain.Cases;
using Microsoft.Extensions.Configuration;

namespace CityActors.Api.Tests;

/// <summary>
/// The API host as front-ends deploy it: Orleans' cluster client to a silo's gateway (here the shared host's silo,
/// reached over TCP), bearer tokens signed with the configured key, no development tokens.
/// </summary>
[Collection(ApiHost.Collection)]
public sealed class ClusterClientModeTests(ApiHost silo)
{
    [Fact]
    public async Task Through_the_gateway_a_report_is_taken_and_read_back_with_tokens_of_the_configured_key()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var front = ApiHost.With(
            "--CityActors:Client:Gateways:0", $"127.0.0.1:{silo.GatewayPort}",
            "--CityActors:Api:Jwt:SigningKey", key);
        await front.InitializeAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create<string, string?>("CityActors:Api:Jwt:SigningKey", key)]).Build();
        var tokens = ApiTokens.From(config, allowGeneratedKey: false);
        var hotline = tokens.Issue(new Actor("hotline-gateway", Role.ChannelSystem, "Hotline"), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        var leader = tokens.Issue(new Actor("leader-c", Role.CentreLeader, "nyc"), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        var reported = await front.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report("via-gateway"));
        var read = await front.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-via-gateway", leader);
        var root = await front.SendAsync(HttpMethod.Get, "/api/v1", null);
        var devTokens = await front.SendAsync(HttpMethod.Post, "/api/v1/dev/tokens", null, """{"id":"x","role":"citizen"}""");
        using var ready = await front.Http.GetAsync("/health/ready");
        var foreign = await front.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-via-gateway", await silo.TokenAsync("leader-c", "centreLeader", "nyc"));

        reported.Status.ShouldBe(201);
        read.Status.ShouldBe(200);
        read.Body.GetProperty("status").GetString().ShouldBe("reported");
        root.Body.GetProperty("mode").GetString().ShouldBe("cluster client");
        devTokens.Status.ShouldBe(404);
        ready.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        foreign.Status.ShouldBe(401, "a token signed with another key is not accepted");
    }

    [Fact]
    public void Outside_embedded_mode_a_signing_key_is_required_and_checked()
    {
        Should.Throw<InvalidOperationException>(() => ApiTokens.From(Config(null), allowGeneratedKey: false)).Message.ShouldContain("SigningKey is required");
        Should.Throw<InvalidOperationException>(() => ApiTokens.From(Config("not base64!"), allowGeneratedKey: false)).Message.ShouldContain("not base64");
        Should.Throw<InvalidOperationException>(() => ApiTokens.From(Config(Convert.ToBase64String(new byte[8])), allowGeneratedKey: false)).Message.ShouldContain("8 bytes");
    }

    private static IConfiguration Config(string? key) =>
        new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("CityActors:Api:Jwt:SigningKey", key)]).Build();
}
