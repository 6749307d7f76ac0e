namespace CityActors.Api.Tests;

[Collection(ApiHost.Collection)]
public sealed class DirectoryTests(ApiHost api)
{
    [Fact]
    public async Task The_org_tree_walks_from_the_city_down_with_lineage_and_children()
    {
        var token = await api.TokenAsync("clerk", "departmentClerk", "any");

        var (status, city, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/org", token);
        status.ShouldBe(200);
        city.GetProperty("unit").GetProperty("level").GetString().ShouldBe("city");
        var district = city.GetProperty("children")[0];
        district.GetProperty("level").GetString().ShouldBe("district");

        var (_, detail, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/org/{district.GetProperty("code").GetString()}", token);
        detail.GetProperty("lineage")[0].GetProperty("code").GetString().ShouldBe(city.GetProperty("unit").GetProperty("code").GetString());
        detail.GetProperty("children").GetArrayLength().ShouldBe(district.GetProperty("children").GetInt32());
        (await api.SendAsync(HttpMethod.Get, "/api/v1/org/no.such.unit", token)).Status.ShouldBe(404);
    }

    [Fact]
    public async Task A_point_is_located_in_its_grid_cell_and_points_outside_or_malformed_are_problems()
    {
        var token = await api.TokenAsync("clerk", "departmentClerk", "any");

        var (status, place, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/grid?lon=-73.993&lat=40.75", token);
        status.ShouldBe(200);
        place.GetProperty("grid").GetProperty("code").GetString()!.ShouldStartWith(place.GetProperty("community").GetProperty("code").GetString()!);

        (await api.SendAsync(HttpMethod.Get, "/api/v1/grid?lon=2.35&lat=48.85", token)).Status.ShouldBe(404);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/grid?lon=abc&lat=40", token)).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/grid?lon=-73.99&lat=95", token)).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/grid", token)).Status.ShouldBe(400);
    }

    [Fact]
    public async Task The_matter_catalogue_and_departments_are_listed()
    {
        var token = await api.TokenAsync("clerk", "departmentClerk", "any");

        var (_, matters, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/matters", token);
        var (_, departments, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/departments", token);

        matters.EnumerateArray().Select(m => m.GetProperty("code").GetString()).ShouldContain("NYC001");
        matters[0].GetProperty("limits").GetArrayLength().ShouldBeGreaterThan(0);
        departments.GetArrayLength().ShouldBeGreaterThan(0);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/matters", null)).Status.ShouldBe(401);
    }
}
