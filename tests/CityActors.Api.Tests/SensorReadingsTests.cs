using System.Text.Json;
using CityActors.Testing;

namespace CityActors.Api.Tests;

/// <summary>Batches of readings from the sensor platform over real HTTP, and what they set off.</summary>
[Collection(ApiHost.Collection)]
public sealed class SensorReadingsTests(ApiHost api)
{
    [Fact]
    public async Task Every_reading_of_a_mixed_batch_gets_its_own_verdict_in_order()
    {
        var platform = await api.PlatformTokenAsync();
        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors", platform, SensorApi.Registration("read-1"))).Status.ShouldBe(201);
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-1);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", platform, SensorApi.Readings(SensorApi.Reading("read-1", t0, "0.02")))).Status.ShouldBe(200);

        var (status, answer, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", platform, SensorApi.Readings(
            SensorApi.Reading("read-1", t0, "0.03"),
            SensorApi.Reading("read-1", t0.AddMinutes(-1), "0.03"),
            SensorApi.Reading("read-1", DateTimeOffset.UtcNow.AddHours(1), "0.03"),
            SensorApi.Reading("read-1", t0.AddSeconds(1), "\"NaN\""),
            SensorApi.Reading("read-1", t0.AddSeconds(2), "\"Infinity\""),
            SensorApi.Reading("read-1", t0.AddSeconds(3), "\"-Infinity\""),
            SensorApi.Reading("read-1", t0.AddSeconds(4), "1e400"),
            SensorApi.Reading("no-such-sensor", t0, "0.03"),
            """{"sensorId":"read-1"}""",
            "42",
            SensorApi.Reading("read-1", t0.AddSeconds(5), "0.04"),
            SensorApi.Reading("not a sensor id!", t0, "0.03"),
            SensorApi.Reading("read-1", t0.AddSeconds(6), "\"0.05\"")));

        status.ShouldBe(200, SensorApi.Problem(answer));
        var results = answer.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("index").GetInt32()).ShouldBe(Enumerable.Range(0, 13));
        results.Select(r => r.GetProperty("verdict").GetString()).ShouldBe(
        [
            "duplicate", "older", "inFuture", "notFinite", "notFinite", "notFinite", "notFinite", "unknownSensor",
            "malformed", "malformed", "accepted", "unknownSensor", "accepted",
        ]);
        results[8].GetProperty("sensorId").GetString().ShouldBe("read-1");
        results[8].GetProperty("detail").GetString()!.ShouldContain("at must be");
        results[8].GetProperty("detail").GetString()!.ShouldContain("value must be");
        answer.GetProperty("accepted").GetInt32().ShouldBe(2);
        answer.GetProperty("rejected").GetInt32().ShouldBe(11);
        var sensor = (await api.SendAsync(HttpMethod.Get, "/api/v1/sensors/read-1", platform)).Body;
        sensor.GetProperty("readingsAccepted").GetInt64().ShouldBe(3);
        sensor.GetProperty("lastValue").GetDouble().ShouldBe(0.05);
        sensor.GetProperty("status").GetString().ShouldBe("online");
    }

    [Fact]
    public async Task Only_the_sensor_platform_sends_readings_and_oversized_or_shapeless_batches_are_refused_whole()
    {
        var platform = await api.PlatformTokenAsync();
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");
        var one = SensorApi.Readings(SensorApi.Reading("read-any", DateTimeOffset.UtcNow, "1"));
        var tooMany = SensorApi.Readings([.. Enumerable.Repeat("""{"sensorId":"a","at":"2026-01-01T00:00:00Z","value":1}""", 10_001)]);

        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", hotline, one)).Status.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", leader, one)).Status.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", null, one)).Status.ShouldBe(401);
        var (status, problem, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", platform, tooMany);
        status.ShouldBe(400, SensorApi.Problem(problem));
        problem.GetProperty("detail").GetString()!.ShouldContain("10001");
        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", platform, """[{"sensorId":"a"}]""")).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", platform, """{"readings":"many"}""")).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", platform, """{"readings":[""")).Status.ShouldBe(400);
        var (emptyStatus, empty, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", platform, """{"readings":[]}""");
        emptyStatus.ShouldBe(200);
        empty.GetProperty("results").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_threshold_alarm_opens_a_sensor_case_the_street_operator_reads()
    {
        var platform = await api.PlatformTokenAsync();
        var place = await api.PlaceAsync();
        var streetOperator = await api.TokenAsync("street-op", "centreOperator", place.Street);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors", platform, SensorApi.Registration("alarm-1", rules: $"[{SensorApi.ImmediateFloodRule}]"))).Status.ShouldBe(201);

        var (status, answer, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", platform,
            SensorApi.Readings(SensorApi.Reading("alarm-1", DateTimeOffset.UtcNow, "0.5")));

        status.ShouldBe(200);
        answer.GetProperty("results")[0].GetProperty("verdict").GetString().ShouldBe("accepted");
        var sensor = (await api.SendAsync(HttpMethod.Get, "/api/v1/sensors/alarm-1", streetOperator)).Body;
        var condition = sensor.GetProperty("conditions")[0];
        condition.GetProperty("phase").GetString().ShouldBe("active");
        condition.GetProperty("caseId").GetString().ShouldBe("iot-alarm-1.flood.1");
        var (caseStatus, sensorCase, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/iot-alarm-1.flood.1", streetOperator);
        caseStatus.ShouldBe(200, SensorApi.Problem(sensorCase));
        sensorCase.GetProperty("matterCode").GetString().ShouldBe("NYC035");
        sensorCase.GetProperty("place").GetProperty("gridCode").GetString().ShouldBe(place.Grid);
    }

    [Fact]
    public async Task Accepted_readings_show_in_the_vital_signs_of_the_sensors_units()
    {
        var platform = await api.PlatformTokenAsync();
        var place = await api.PlaceAsync(-73.9855, 40.758);
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");
        var before = (await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{place.Grid}", leader)).Body;
        var registered = before.GetProperty("sensors").GetProperty("registered").GetInt32();
        var online = before.GetProperty("sensors").GetProperty("online").GetInt32();
        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors", platform, SensorApi.Registration("vitals-1", longitude: -73.9855, latitude: 40.758))).Status.ShouldBe(201);
        var at = DateTimeOffset.UtcNow;

        var (status, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", platform, SensorApi.Readings(SensorApi.Reading("vitals-1", at, "0.125")));

        status.ShouldBe(200);
        JsonElement grid = default;
        await Eventually.Until(async () =>
        {
            grid = (await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{place.Grid}", leader)).Body;
            return grid.GetProperty("indicators").EnumerateArray().Any(i => i.GetProperty("indicator").GetString() == "water_level" && i.GetProperty("last5Minutes").GetProperty("count").GetInt64() > 0);
        });
        grid.GetProperty("level").GetString().ShouldBe("grid");
        grid.GetProperty("sensors").GetProperty("registered").GetInt32().ShouldBe(registered + 1);
        grid.GetProperty("sensors").GetProperty("online").GetInt32().ShouldBe(online + 1);
        var water = grid.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("indicator").GetString() == "water_level");
        water.GetProperty("unitOfMeasure").GetString().ShouldBe("m");
        water.GetProperty("last5Minutes").GetProperty("max").GetDouble().ShouldBeGreaterThanOrEqualTo(0.125);

        JsonElement history = default;
        await Eventually.Until(async () =>
        {
            history = (await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{place.Street}/history?indicator=water_level", leader)).Body;
            return history.GetProperty("points").GetArrayLength() > 0;
        });
        history.GetProperty("indicator").GetString().ShouldBe("water_level");
        history.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64()).ShouldBeGreaterThan(0);
    }
}
