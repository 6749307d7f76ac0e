namespace CityActors.Api.Tests;

/// <summary>Intake through each channel, by the callers that channel belongs to.</summary>
[Collection(ApiHost.Collection)]
public sealed class IntakeChannelsTests(ApiHost api)
{
    [Fact]
    public async Task Each_channel_takes_reports_from_its_own_callers_only()
    {
        var citizen = await api.TokenAsync("citizen-in", "citizen");
        var sensors = await api.TokenAsync("iot-platform", "channelSystem", "Sensor");
        var video = await api.TokenAsync("video-ai", "channelSystem", "VideoAi");
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");
        // Each report at its own place, so none is held back as a probable duplicate of another.
        var grid = (await api.SendAsync(HttpMethod.Get, "/api/v1/grid?lon=-73.9442&lat=40.6782", leader)).Body.GetProperty("grid").GetProperty("code").GetString()!;
        var inspector = await api.TokenAsync("inspector-in", "gridInspector", grid);
        var otherInspector = await api.TokenAsync("inspector-far", "gridInspector", grid + "-elsewhere");

        var app = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", citizen, Report("webApp", "app-1", -73.9857, 40.7484));
        var patrol = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", inspector, Report("gridInspector", "patrol-1", -73.9442, 40.6782));
        var sensor = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", sensors, Report("sensor", "sensor-1", -74.0060, 40.7128));
        var camera = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", video, Report("videoAi", "camera-1", -73.8648, 40.8448));
        var farPatrol = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", otherInspector, Report("gridInspector", "patrol-2", -73.9442, 40.6782));
        var citizenAsHotline = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", citizen, Report("hotline", "fake-call", -73.9712, 40.7831));

        app.Status.ShouldBe(201);
        app.Body.GetProperty("status").GetString().ShouldBe("reported");
        patrol.Status.ShouldBe(201);
        patrol.Body.GetProperty("status").GetString().ShouldBe("verified", "a grid inspector's own report needs no verification");
        sensor.Status.ShouldBe(201);
        sensor.Body.GetProperty("status").GetString().ShouldBe("verified");
        camera.Status.ShouldBe(201);
        farPatrol.Status.ShouldBe(403);
        citizenAsHotline.Status.ShouldBe(403);
    }

    private static string Report(string channel, string externalId, double longitude, double latitude) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $$$"""{"channel":"{{{channel}}}","externalId":"{{{externalId}}}","matterCode":"NYC001","description":"seen","location":{"longitude":{{{longitude}}},"latitude":{{{latitude}}}}}""");
}
