using System.Globalization;
using System.Text.Json;

namespace CityActors.Api.Tests;

/// <summary>Bodies and places the sensor, vital-sign and emergency tests share.</summary>
internal static class SensorApi
{
    /// <summary>Midtown Manhattan: the point the case tests report at.</summary>
    public const double Longitude = -73.993;
    public const double Latitude = 40.75;

    /// <summary>A water-level threshold rule that opens a case at the first reading of 0.15 m or more.</summary>
    public const string ImmediateFloodRule =
        """{"$rule":"threshold","code":"flood","matterCode":"NYC035","direction":"above","trigger":0.15,"clear":0.05,"minDuration":"00:00:00"}""";

    /// <summary>A water-level sensor registration; <paramref name="rules"/> is a JSON list (null: the city's defaults).</summary>
    public static string Registration(string id, string? rules = "[]", string? department = null, double longitude = Longitude, double latitude = Latitude) =>
        $$"""
        {"id":"{{id}}","kind":"water_level","longitude":{{Number(longitude)}},"latitude":{{Number(latitude)}},"reportingInterval":"00:05:00"{{(department is null ? "" : $",\"department\":\"{department}\"")}}{{(rules is null ? "" : $",\"rules\":{rules}")}},"name":"test sensor {{id}}"}
        """;

    public static string Reading(string sensorId, DateTimeOffset at, string value) =>
        $$"""{"sensorId":"{{sensorId}}","at":"{{at.ToString("O", CultureInfo.InvariantCulture)}}","value":{{value}}}""";

    public static string Readings(params string[] items) => $$"""{"readings":[{{string.Join(",", items)}}]}""";

    public static async Task<string> PlatformTokenAsync(this ApiHost api) => await api.TokenAsync("sensor-platform", "channelSystem", "Sensor");

    /// <summary>The grid cell, community, street and district codes of a point.</summary>
    public static async Task<Place> PlaceAsync(this ApiHost api, double longitude = Longitude, double latitude = Latitude)
    {
        var token = await api.TokenAsync("city-leader", "centreLeader", "nyc");
        var (status, place, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/grid?lon={Number(longitude)}&lat={Number(latitude)}", token);
        status.ShouldBe(200);
        string Code(string level) => place.GetProperty(level).GetProperty("code").GetString()!;
        return new Place(Code("grid"), Code("community"), Code("street"), Code("district"));
    }

    public static string Problem(JsonElement body) => body.ValueKind == JsonValueKind.Object ? body.GetRawText() : "";

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}

internal sealed record Place(string Grid, string Community, string Street, string District);
