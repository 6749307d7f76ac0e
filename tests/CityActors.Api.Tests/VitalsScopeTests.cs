namespace CityActors.Api.Tests;

/// <summary>Whose vital signs a caller may read: the units of their own part of the org tree.</summary>
[Collection(ApiHost.Collection)]
public sealed class VitalsScopeTests(ApiHost api)
{
    [Fact]
    public async Task Units_in_the_callers_scope_are_readable_others_are_403_and_unknown_units_404()
    {
        var place = await api.PlaceAsync();
        var streetOperator = await api.TokenAsync("street-op", "centreOperator", place.Street);
        var inspector = await api.TokenAsync("inspector", "gridInspector", place.Grid);
        var clerk = await api.TokenAsync("dep-clerk", "departmentClerk", "nyc.1.dep");
        var citizen = await api.TokenAsync("citizen-v", "citizen");

        var (status, street, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{place.Street}", streetOperator);

        status.ShouldBe(200, SensorApi.Problem(street));
        street.GetProperty("unitCode").GetString().ShouldBe(place.Street);
        street.GetProperty("level").GetString().ShouldBe("street");
        street.GetProperty("sensors").GetProperty("registered").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
        (await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{place.Grid}", streetOperator)).Status.ShouldBe(200);
        (await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{place.District}", streetOperator)).Status.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/vitals/nyc", streetOperator)).Status.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{place.Grid}", inspector)).Status.ShouldBe(200);
        (await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{place.Community}", inspector)).Status.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{place.Street}", clerk)).Status.ShouldBe(200, "a borough office watches its borough");
        (await api.SendAsync(HttpMethod.Get, "/api/v1/vitals/nyc.2", clerk)).Status.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{place.Street}", citizen)).Status.ShouldBe(403);
        var (unknown, problem, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/vitals/nyc.1.no-such-street", streetOperator);
        unknown.ShouldBe(404);
        problem.GetProperty("type").GetString().ShouldBe("https://cityactors.org/problems/not-found");
    }

    [Fact]
    public async Task History_needs_a_known_indicator()
    {
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");

        var (status, history, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/vitals/nyc/history?indicator=noise", leader);

        status.ShouldBe(200);
        history.GetProperty("unitOfMeasure").GetString().ShouldBe("dB(A)");
        history.GetProperty("kind").GetString().ShouldBe("noise");
        (await api.SendAsync(HttpMethod.Get, "/api/v1/vitals/nyc/history?indicator=PM25", leader)).Status.ShouldBe(200);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/vitals/nyc/history?indicator=lava", leader)).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/vitals/nyc/history", leader)).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/vitals/nowhere/history?indicator=noise", leader)).Status.ShouldBe(404);
    }
}
