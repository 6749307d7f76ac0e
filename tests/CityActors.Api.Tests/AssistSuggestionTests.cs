using System.Globalization;

namespace CityActors.Api.Tests;

/// <summary>Suggestions from the NYC package's model (the shipped Boston model mapped onto NYC's catalogue by the package's
/// assist.json) over real HTTP: for a report before it is filed, and for a case.</summary>
[Collection(ApiHost.Collection)]
public sealed class AssistSuggestionTests(ApiHost api)
{
    private static string Report(string externalId, string matter, string description, double longitude, double latitude) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"channel":"hotline","externalId":"{{{externalId}}}","matterCode":"{{{matter}}}","description":"{{{description}}}","location":{"longitude":{{{longitude}}},"latitude":{{{latitude}}}}}""");

    [Fact]
    public async Task A_report_gets_three_matters_the_catalogue_department_and_an_expected_time()
    {
        var operatorToken = await api.TokenAsync("op-assist", "centreOperator", "nyc");

        var (status, body, contentType) = await api.SendAsync(HttpMethod.Post, "/api/v1/assist/suggestions", operatorToken,
            Report("s-1", "NYC006", "street light out on the corner, dark all night", -73.9857, 40.7484));

        status.ShouldBe(200, body.ToString());
        contentType.ShouldStartWith("application/json");
        body.GetProperty("modelVersion").GetString().ShouldBe("boston-20111101-f0a1c1ab43db-s20111101");
        var matters = body.GetProperty("matters").EnumerateArray().ToList();
        matters.Count.ShouldBeInRange(1, 3);
        matters[0].GetProperty("code").GetString().ShouldBe("NYC006");
        matters[0].GetProperty("name").GetString().ShouldBe("Street Light Condition");
        var dispatch = body.GetProperty("dispatch");
        dispatch.GetProperty("catalogue").EnumerateArray().Select(d => d.GetString()).ShouldBe(["nyc.1.dot"]);
        dispatch.GetProperty("automatic").GetBoolean().ShouldBeFalse("the catalogue names one owner: it dispatches the case itself on acceptance");
        body.GetProperty("expectedHours").GetDouble().ShouldBeGreaterThan(0);
        body.GetProperty("expectedAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_case_gets_suggestions_for_what_was_reported()
    {
        var hotline = await api.TokenAsync("hotline-assist", "channelSystem", "Hotline");
        var leader = await api.TokenAsync("leader-assist", "centreLeader", "nyc");
        var created = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline,
            Report("assist-case-1", "NYC005", "Pothole in the road outside number 12, deep", -73.9442, 40.6782));
        created.Status.ShouldBe(201, created.Body.ToString());
        var id = created.Body.GetProperty("id").GetString()!;

        var (status, body, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/suggestions", leader);

        status.ShouldBe(200, body.ToString());
        body.GetProperty("matters")[0].GetProperty("code").GetString().ShouldBe("NYC005");
        body.GetProperty("expectedHours").GetDouble().ShouldBeGreaterThan(0);

        // Intake journaled the model's expected time; Open311 reports it as expected_datetime.
        var expectedAt = created.Body.GetProperty("expectedResolutionAt").GetDateTimeOffset();
        var history = await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/history", leader);
        history.Body.EnumerateArray().Count(e => e.GetProperty("$event").GetString() == "resolution-expected").ShouldBe(1);
        var open311 = await api.SendAsync(HttpMethod.Get, $"/open311/v2/requests/{id}.json", null);
        open311.Status.ShouldBe(200, open311.Body.ToString());
        open311.Body[0].GetProperty("expected_datetime").GetDateTimeOffset().ShouldBe(expectedAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Intake_answers_the_filed_case_with_its_suggestions()
    {
        var hotline = await api.TokenAsync("hotline-intake-assist", "channelSystem", "Hotline");
        var leader = await api.TokenAsync("leader-intake-assist", "centreLeader", "nyc");
        var report = Report("intake-assist-1", "NYC006", "street light out on the corner, dark all night", -73.9857, 40.7484);

        var created = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, report);

        created.Status.ShouldBe(201, created.Body.ToString());
        var id = created.Body.GetProperty("id").GetString()!;
        created.Body.GetProperty("status").GetString().ShouldBe("reported");
        var suggestions = created.Body.GetProperty("suggestions");
        suggestions.GetProperty("modelVersion").GetString().ShouldBe("boston-20111101-f0a1c1ab43db-s20111101");
        suggestions.GetProperty("matters")[0].GetProperty("code").GetString().ShouldBe("NYC006");
        suggestions.GetProperty("dispatch").GetProperty("catalogue").EnumerateArray().Select(d => d.GetString()).ShouldBe(["nyc.1.dot"]);

        // The same suggestions the case endpoint gives, and the expected time intake journaled with the report.
        var asked = await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/suggestions", leader);
        asked.Status.ShouldBe(200, asked.Body.ToString());
        suggestions.GetProperty("matters").ToString().ShouldBe(asked.Body.GetProperty("matters").ToString());
        suggestions.GetProperty("expectedHours").GetDouble().ShouldBe(asked.Body.GetProperty("expectedHours").GetDouble());
        suggestions.GetProperty("expectedAt").GetDateTimeOffset().ShouldBe(created.Body.GetProperty("expectedResolutionAt").GetDateTimeOffset());

        // A retried report answers the same case with the suggestions for what was first reported.
        var again = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, report);
        again.Status.ShouldBe(201, again.Body.ToString());
        (again.Body.GetProperty("id").GetString(), again.Body.GetProperty("version").GetInt32()).ShouldBe((id, created.Body.GetProperty("version").GetInt32()));
        again.Body.GetProperty("suggestions").ToString().ShouldBe(suggestions.ToString());
    }

    [Fact]
    public async Task The_same_graffiti_reported_twice_is_flagged_by_the_model_in_the_case_view()
    {
        var hotline = await api.TokenAsync("hotline-dup-assist", "channelSystem", "Hotline");
        var leader = await api.TokenAsync("leader-dup-assist", "centreLeader", "nyc");
        var first = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline,
            Report("dup-assist-1", "NYC032", "Graffiti on the wall of the school", -73.97120, 40.78310));
        first.Status.ShouldBe(201, first.Body.ToString());

        // About 3 m away, seconds later, in the same words.
        var second = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline,
            Report("dup-assist-2", "NYC032", "Graffiti on the wall of the school", -73.97116, 40.78311));

        second.Status.ShouldBe(201, second.Body.ToString());
        var id = second.Body.GetProperty("id").GetString()!;
        var (status, view, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}", leader);
        status.ShouldBe(200, view.ToString());
        view.GetProperty("duplicateCandidates").EnumerateArray().Select(c => c.GetString()).ShouldBe(["hl-dup-assist-1"]);
        var score = view.GetProperty("duplicateScore");
        score.GetProperty("candidateId").GetString().ShouldBe("hl-dup-assist-1");
        score.GetProperty("modelVersion").GetString().ShouldBe("boston-20111101-f0a1c1ab43db-s20111101");
        score.GetProperty("score").GetDouble().ShouldBeGreaterThanOrEqualTo(score.GetProperty("threshold").GetDouble());
        score.GetProperty("isDuplicate").GetBoolean().ShouldBeTrue();
        second.Body.GetProperty("duplicateCandidates").EnumerateArray().Select(c => c.GetString()).ShouldBe(["hl-dup-assist-1"]);
        var history = await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/history", leader);
        history.Body.EnumerateArray().Select(e => e.GetProperty("$event").GetString()).Take(3).ShouldBe(["reported", "duplicate-scored", "duplicates-flagged"]);
    }

    [Fact]
    public async Task The_api_description_shows_intake_s_suggestions()
    {
        var (status, document, _) = await api.SendAsync(HttpMethod.Get, "/openapi/v1.json", null);

        status.ShouldBe(200);
        var created = document.GetProperty("paths").GetProperty("/api/v1/cases").GetProperty("post").GetProperty("responses").GetProperty("201");
        var parts = created.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("allOf").EnumerateArray().ToList();
        parts.Count.ShouldBe(2);
        parts[0].GetProperty("$ref").GetString().ShouldBe("#/components/schemas/CaseView");
        var suggestions = parts[1].GetProperty("properties").GetProperty("suggestions").GetProperty("oneOf").EnumerateArray().ToList();
        suggestions[0].GetProperty("$ref").GetString().ShouldBe("#/components/schemas/CaseSuggestionView");
        suggestions[1].GetProperty("type").GetString().ShouldBe("null");
        document.GetProperty("components").GetProperty("schemas").GetProperty("CaseSuggestionView").GetProperty("properties").TryGetProperty("matters", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_requests_get_problem_details()
    {
        var operatorToken = await api.TokenAsync("op-assist-bad", "centreOperator", "nyc");

        var outside = await api.SendAsync(HttpMethod.Post, "/api/v1/assist/suggestions", operatorToken, Report("s-2", "NYC006", "light out", 2.35, 48.85));
        var incomplete = await api.SendAsync(HttpMethod.Post, "/api/v1/assist/suggestions", operatorToken, """{"channel":"hotline","description":"x"}""");
        var malformed = await api.SendAsync(HttpMethod.Post, "/api/v1/assist/suggestions", operatorToken, "{not json");
        var unknownCase = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-no-such-case/suggestions", operatorToken);
        var anonymous = await api.SendAsync(HttpMethod.Post, "/api/v1/assist/suggestions", null, Report("s-3", "NYC006", "light out", -73.9857, 40.7484));

        (outside.Status, outside.ContentType).ShouldBe((400, "application/problem+json"), outside.Body.ToString());
        outside.Body.GetProperty("detail").GetString()!.ShouldContain("outside city nyc");
        (incomplete.Status, incomplete.ContentType).ShouldBe((400, "application/problem+json"));
        incomplete.Body.GetProperty("detail").GetString().ShouldBe("A report to suggest for needs channel, matterCode, description and location.");
        (malformed.Status, malformed.ContentType).ShouldBe((400, "application/problem+json"));
        (unknownCase.Status, unknownCase.ContentType).ShouldBe((404, "application/problem+json"));
        anonymous.Status.ShouldBe(401);
    }
}
