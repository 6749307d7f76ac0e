namespace CityActors.Api.Tests;

/// <summary>
/// A city whose package ships no model (the NYC package without its assist.json), over real HTTP: intake answers
/// without suggestions, the suggestion endpoints say there is no model, and duplicates are flagged by intake's rule.
/// </summary>
public sealed class NoModelCityTests : IAsyncLifetime
{
    private readonly DirectoryInfo _package = System.IO.Directory.CreateTempSubdirectory("cityactors-no-model-");
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "cities", "nyc")).Where(f => Path.GetFileName(f) != "assist.json"))
        {
            File.Copy(file, Path.Combine(_package.FullName, Path.GetFileName(file)));
        }

        _api = ApiHost.With("--CityActors:City:Package", _package.FullName);
        await _api.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _package.Delete(recursive: true);
    }

    [Fact]
    public async Task Intake_answers_the_case_without_suggestions()
    {
        var hotline = await _api.TokenAsync("hotline-no-model", "channelSystem", "Hotline");
        var leader = await _api.TokenAsync("leader-no-model", "centreLeader", "nyc");

        var created = await _api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline,
            """{"channel":"hotline","externalId":"no-model-1","matterCode":"NYC006","description":"street light out","location":{"longitude":-73.9857,"latitude":40.7484}}""");

        created.Status.ShouldBe(201, created.Body.ToString());
        created.Body.GetProperty("id").GetString().ShouldBe("hl-no-model-1");
        created.Body.GetProperty("suggestions").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        created.Body.GetProperty("expectedResolutionAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var asked = await _api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-no-model-1/suggestions", leader);
        (asked.Status, asked.ContentType).ShouldBe((404, "application/problem+json"));
    }

    [Fact]
    public async Task Duplicates_are_flagged_by_intake_s_rule()
    {
        var hotline = await _api.TokenAsync("hotline-no-model-dup", "channelSystem", "Hotline");
        await _api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline,
            """{"channel":"hotline","externalId":"no-model-dup-1","matterCode":"NYC005","description":"cracks","location":{"longitude":-73.9712,"latitude":40.7831}}""");

        var second = await _api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline,
            """{"channel":"hotline","externalId":"no-model-dup-2","matterCode":"NYC005","description":"a pothole, deep","location":{"longitude":-73.97085,"latitude":40.7831}}""");

        second.Status.ShouldBe(201, second.Body.ToString());
        second.Body.GetProperty("duplicateCandidates").EnumerateArray().Select(c => c.GetString()).ShouldBe(["hl-no-model-dup-1"]);
        second.Body.GetProperty("duplicateScore").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}
