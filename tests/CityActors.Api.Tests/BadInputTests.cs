namespace CityActors.Api.Tests;

/// <summary>Hostile and malformed input anywhere gets a 4xx problem, never a 5xx.</summary>
[Collection(ApiHost.Collection)]
public sealed class BadInputTests(ApiHost api)
{
    [Theory]
    [InlineData("GET", "/api/v1/cases/'%3B%20drop%20table%20grain_journal%3B--", null)]
    [InlineData("GET", "/api/v1/cases/%3Cscript%3Ealert(1)%3C%2Fscript%3E/history", null)]
    [InlineData("GET", "/api/v1/cases?orgUnit=nyc'%20or%20'1'%3D'1", null)]
    [InlineData("GET", "/api/v1/cases?matter=%00%01", null)]
    [InlineData("GET", "/api/v1/cases?limit=99999999999999999999", null)]
    [InlineData("GET", "/api/v1/cases?bbox=NaN,NaN,NaN,NaN", null)]
    [InlineData("GET", "/api/v1/cases?from=9999-99-99", null)]
    [InlineData("GET", "/api/v1/grid?lon=1e400&lat=1", null)]
    [InlineData("GET", "/api/v1/org/..%2F..%2Fetc%2Fpasswd", null)]
    [InlineData("POST", "/api/v1/cases", """{"channel":"hotline","externalId":"x","matterCode":"NYC001","description":"d","location":{"longitude":"east","latitude":40}}""")]
    [InlineData("POST", "/api/v1/cases", """{"channel":"hotline","externalId":"'; drop table deadline;--","matterCode":"NYC001","description":"d","location":{"longitude":-73.99,"latitude":40.75}}""")]
    [InlineData("POST", "/api/v1/cases", """{"channel":"hotline","externalId":"deep","matterCode":"NYC001","description":"d","location":{"longitude":-73.99,"latitude":40.75},"photos":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}""")]
    [InlineData("POST", "/api/v1/cases", "null")]
    [InlineData("POST", "/api/v1/cases", "\"just a string\"")]
    [InlineData("POST", "/api/v1/cases/hl-x/verify", """{"note":12,"photos":"not a list"}""")]
    [InlineData("POST", "/api/v1/cases/hl-x/evaluate", """{"satisfaction":1e99}""")]
    [InlineData("POST", "/api/v1/cases/hl-x/request-extension", """{"department":"d","extra":"forever","reason":"r"}""")]
    [InlineData("POST", "/api/v1/sensors", """{"id":"'; drop table sensor;--","kind":"water_level","longitude":-73.99,"latitude":40.75}""")]
    [InlineData("POST", "/api/v1/sensors", """{"id":"s1","kind":{"$type":"System.IO.File"},"longitude":-73.99,"latitude":40.75}""")]
    [InlineData("POST", "/api/v1/sensors", """{"id":"s1","kind":"water_level","longitude":"NaN","latitude":"Infinity"}""")]
    [InlineData("POST", "/api/v1/sensors", """{"id":"s1","kind":"water_level","longitude":-73.99,"latitude":40.75,"reportingInterval":"-10675199.02:48:05.4775808"}""")]
    [InlineData("POST", "/api/v1/sensors", """{"id":"s1","kind":"water_level","longitude":-73.99,"latitude":40.75,"rules":[{"$rule":"threshold","code":"t","matterCode":"NYC035","direction":"sideways","trigger":1e400,"clear":0,"minDuration":"00:00:00"}]}""")]
    [InlineData("POST", "/api/v1/sensors", """{"id":"s1","kind":"water_level","longitude":-73.99,"latitude":40.75,"rules":[{"$rule":"offline","code":"o","matterCode":"NYC040","missedIntervals":-1}]}""")]
    [InlineData("POST", "/api/v1/sensors", """{"id":"s1","kind":"water_level","longitude":-73.99,"latitude":40.75,"rules":{"$rule":"offline"}}""")]
    [InlineData("POST", "/api/v1/sensors", "[]")]
    [InlineData("POST", "/api/v1/sensors", "")]
    [InlineData("POST", "/api/v1/sensors/bulk", """{"sensors":null}""")]
    [InlineData("POST", "/api/v1/sensors/readings", """{"readings":[{"sensorId":"a","at":"2026-01-01T00:00:00Z","value":1}]}""")]
    [InlineData("GET", "/api/v1/sensors/%3Cscript%3Ealert(1)%3C%2Fscript%3E", null)]
    [InlineData("GET", "/api/v1/sensors/..%2F..%2Fetc%2Fpasswd", null)]
    [InlineData("GET", "/api/v1/sensors/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null)]
    [InlineData("GET", "/api/v1/vitals/nyc'%20or%20'1'%3D'1", null)]
    [InlineData("GET", "/api/v1/vitals/nyc/history?indicator=%00", null)]
    [InlineData("GET", "/api/v1/vitals/nyc/history?indicator=0", null)]
    [InlineData("POST", "/api/v1/emergency/nyc.ops/switch-on", """{"profile":{"code":"flood"},"reason":"r"}""")]
    [InlineData("POST", "/api/v1/emergency/nyc.ops/switch-on", """{"profile":"flood","reason":"   "}""")]
    [InlineData("POST", "/api/v1/emergency/nyc.ops/switch-off", """{"reason":12}""")]
    [InlineData("POST", "/api/v1/emergency/'%3B--/switch-off", """{"reason":"r"}""")]
    public async Task Hostile_or_malformed_input_is_a_client_error_with_a_problem(string method, string path, string? body)
    {
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");

        var (status, problem, type) = await api.SendAsync(new HttpMethod(method), path, leader, body);

        status.ShouldBeInRange(400, 499);
        type.ShouldBe("application/problem+json");
        problem.GetProperty("status").GetInt32().ShouldBe(status);
    }
}
