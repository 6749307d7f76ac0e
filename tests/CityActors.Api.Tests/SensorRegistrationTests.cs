using System.Net.Http.Headers;
using System.Text.Json;
using CityActors.Testing;

namespace CityActors.Api.Tests;

/// <summary>Registering sensors one by one and in bulk, and reading them back, over real HTTP.</summary>
[Collection(ApiHost.Collection)]
public sealed class SensorRegistrationTests(ApiHost api)
{
    [Fact]
    public async Task A_new_sensor_is_created_with_its_location_and_registering_it_again_changes_it()
    {
        var platform = await api.PlatformTokenAsync();
        var place = await api.PlaceAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sensors") { Content = new StringContent(SensorApi.Registration("reg-1"), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform);
        using var created = await api.Http.SendAsync(request);
        var view = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var (changedStatus, changed, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors", platform, SensorApi.Registration("reg-1", rules: $"[{SensorApi.ImmediateFloodRule}]"));

        ((int)created.StatusCode).ShouldBe(201, view.GetRawText());
        created.Headers.Location!.OriginalString.ShouldBe("/api/v1/sensors/reg-1");
        view.GetProperty("definition").GetProperty("gridCode").GetString().ShouldBe(place.Grid);
        view.GetProperty("definition").GetProperty("kind").GetString().ShouldBe("waterLevel");
        view.GetProperty("definition").GetProperty("reportingInterval").GetString().ShouldBe("00:05:00");
        view.GetProperty("status").GetString().ShouldBe("pending");
        changedStatus.ShouldBe(200, SensorApi.Problem(changed));
        changed.GetProperty("definition").GetProperty("rules")[0].GetProperty("$rule").GetString().ShouldBe("threshold");
    }

    [Fact]
    public async Task A_body_with_several_problems_names_each_of_them()
    {
        var platform = await api.PlatformTokenAsync();

        var (status, problem, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors", platform,
            """{"id":"bad id!","kind":"lava_flow","longitude":"east","reportingInterval":"soon","rules":[{"code":"x"}]}""");

        status.ShouldBe(400);
        problem.GetProperty("type").GetString().ShouldBe("https://cityactors.org/problems/invalid");
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        errors.Count.ShouldBe(6, string.Join(" | ", errors));
        errors.ShouldContain(e => e.StartsWith("id ", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("kind ", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("longitude ", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("latitude ", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("reportingInterval ", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("rules[0] ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_the_city_refuses_is_a_400_and_who_may_register_is_the_sensor_grains_decision()
    {
        var platform = await api.PlatformTokenAsync();
        var place = await api.PlaceAsync();
        var streetOperator = await api.TokenAsync("street-op", "centreOperator", place.Street);
        var otherStreet = await api.TokenAsync("other-op", "centreOperator", place.District + ".999");
        var citizen = await api.TokenAsync("citizen-s", "citizen");

        var (outside, outsideProblem, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors", platform, SensorApi.Registration("reg-paris", longitude: 2.35, latitude: 48.85));
        var (byStreet, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors", streetOperator, SensorApi.Registration("reg-street"));
        var (byOther, otherProblem, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors", otherStreet, SensorApi.Registration("reg-other"));
        var (byCitizen, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors", citizen, SensorApi.Registration("reg-citizen"));

        outside.ShouldBe(400);
        outsideProblem.GetProperty("detail").GetString()!.ShouldContain("outside city nyc");
        outsideProblem.GetProperty("sensorId").GetString().ShouldBe("reg-paris");
        byStreet.ShouldBe(201);
        byOther.ShouldBe(403);
        otherProblem.GetProperty("type").GetString().ShouldBe("https://cityactors.org/problems/forbidden");
        byCitizen.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/sensors/reg-other", platform)).Status.ShouldBe(404, "a refused registration registers nothing");
    }

    [Fact]
    public async Task A_bulk_registration_answers_each_item_in_order_and_one_bad_item_fails_no_other()
    {
        var place = await api.PlaceAsync();
        var streetOperator = await api.TokenAsync("street-op", "centreOperator", place.Street);
        var body = $$"""
            {"sensors":[
              {{SensorApi.Registration("bulk-1")}},
              {"id":"bulk-2","kind":"noise"},
              {{SensorApi.Registration("bulk-3", longitude: -73.95, latitude: 40.65)}},
              {{SensorApi.Registration("bulk-4", rules: """[{"$rule":"offline","code":"off","matterCode":"NO-SUCH-MATTER","missedIntervals":3}]""")}},
              "not a registration",
              {{SensorApi.Registration("bulk-6", rules: null)}}
            ]}
            """;

        var (status, answer, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/bulk", streetOperator, body);

        status.ShouldBe(200, SensorApi.Problem(answer));
        var results = answer.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("index").GetInt32()).ShouldBe([0, 1, 2, 3, 4, 5]);
        results.Select(r => r.GetProperty("outcome").GetString()).ShouldBe(["registered", "invalid", "forbidden", "invalid", "invalid", "registered"]);
        results[1].GetProperty("detail").GetString()!.ShouldContain("longitude is required");
        results[2].GetProperty("id").GetString().ShouldBe("bulk-3");
        results[3].GetProperty("detail").GetString()!.ShouldContain("NO-SUCH-MATTER");
        results[0].TryGetProperty("detail", out _).ShouldBeFalse();
        answer.GetProperty("registered").GetInt32().ShouldBe(2);
        answer.GetProperty("refused").GetInt32().ShouldBe(4);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/sensors/bulk-6", streetOperator)).Body
            .GetProperty("definition").GetProperty("rules").GetArrayLength().ShouldBeGreaterThan(0, "left-out rules come from the city's defaults");
    }

    [Fact]
    public async Task A_bulk_registration_of_more_than_a_thousand_is_refused_whole()
    {
        var platform = await api.PlatformTokenAsync();
        var body = $$"""{"sensors":[{{string.Join(",", Enumerable.Range(0, 1001).Select(i => $$"""{"id":"many-{{i}}"}"""))}}]}""";

        var (status, problem, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/bulk", platform, body);

        status.ShouldBe(400);
        problem.GetProperty("detail").GetString()!.ShouldContain("1000");
        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/bulk", platform, """[{"id":"x"}]""")).Status.ShouldBe(400);
    }

    [Fact]
    public async Task The_city_package_fleet_is_registered_at_start()
    {
        var platform = await api.PlatformTokenAsync();
        (int Status, JsonElement Body, string) answer = default;

        await Eventually.Until(async () => (answer = await api.SendAsync(HttpMethod.Get, "/api/v1/sensors/nyc-wl-00001", platform)).Status == 200);

        answer.Body.GetProperty("definition").GetProperty("kind").GetString().ShouldBe("waterLevel");
        answer.Body.GetProperty("definition").GetProperty("departmentCode").GetString()!.ShouldEndWith(".dep");
    }
}
