using System.Net.Http.Headers;
using System.Text.Json;

namespace CityActors.Api.Tests;

/// <summary>The live feed as a browser reads it: server-sent events over real HTTP, resumable by event id.</summary>
[Collection(ApiHost.Collection)]
public sealed class LiveFeedTests(ApiHost api)
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_centre_sees_its_cases_events_live_without_reporter_details_and_resumes_after_the_last_event_it_saw()
    {
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");
        using var guard = new CancellationTokenSource(Guard);
        await using var live = await FeedEvents.OpenAsync(api, leader, null, guard.Token);

        var report = CaseLifecycleOverHttpTests.Report("live-1").Replace("}}", """}, "reporter":{"name":"Ada","phone":"212-555-0100"}}""", StringComparison.Ordinal);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, report)).Status.ShouldBe(201);
        var reported = await live.NextAsync("hl-live-1", guard.Token);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-live-1/verify", leader, "{}")).Status.ShouldBe(200);
        var afterReported = await live.NextAsync("hl-live-1", guard.Token);
        var verified = afterReported;
        while (Name(verified) != "verified")
        {
            verified = await live.NextAsync("hl-live-1", guard.Token);
        }

        reported.Type.ShouldBe("case");
        Name(reported).ShouldBe("reported");
        reported.Raw.ShouldNotContain("555-0100");
        reported.Raw.ShouldNotContain("Ada");
        verified.Data.GetProperty("event").GetProperty("meta").GetProperty("by").GetProperty("id").GetString().ShouldBe("city-leader");

        await using var resumed = await FeedEvents.OpenAsync(api, leader, reported.Id, guard.Token);
        var first = await resumed.NextAsync("hl-live-1", guard.Token);
        first.Id.ShouldBe(afterReported.Id, "the event right after the last one seen, none skipped");
    }

    private static string? Name((string Id, string Type, JsonElement Data, string Raw) item) =>
        item.Data.GetProperty("event").GetProperty("$event").GetString();

    [Fact]
    public async Task Work_queue_moves_follow_the_case_events_for_the_centres_and_the_department_concerned()
    {
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");
        using var guard = new CancellationTokenSource(Guard);
        await using var live = await FeedEvents.OpenAsync(api, leader, null, guard.Token);

        await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report("live-queue"));
        var reported = await live.NextAsync("hl-live-queue", guard.Token, "queue");
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-live-queue/verify", leader, "{}");
        var department = (await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-live-queue/accept", leader, "{}")).Body.GetProperty("lead").GetString()!;
        var clerk = await api.TokenAsync("clerk-live", "departmentClerk", department);
        await using var departmentFeed = await FeedEvents.OpenAsync(api, clerk, reported.Id, guard.Token);
        var forDepartment = await departmentFeed.NextAsync("hl-live-queue", guard.Token, "queue");

        Queues(reported).ShouldContain("awaitingVerification");
        Queues(forDepartment).ShouldBe(["awaitingSignFor"]);
    }

    private static List<string?> Queues((string Id, string Type, JsonElement Data, string Raw) item) =>
        [.. item.Data.GetProperty("queues").EnumerateArray().Select(q => q.GetString())];

    [Fact]
    public async Task Callers_without_a_scope_and_malformed_positions_are_refused_before_the_stream()
    {
        var citizen = await api.TokenAsync("citizen-2", "citizen");
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");

        (await api.SendAsync(HttpMethod.Get, "/api/v1/feed", citizen)).Status.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/feed?after=yesterday", leader)).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/feed", null)).Status.ShouldBe(401);
    }

    [Fact]
    public async Task The_feed_sends_the_vital_signs_of_the_callers_unit_at_once_and_again_when_they_change()
    {
        var platform = await api.TokenAsync("sensor-platform", "channelSystem", "Sensor");
        var place = await api.PlaceAsync(-73.9712, 40.7831);
        var leader = await api.TokenAsync("street-leader", "centreLeader", place.Street);
        using var guard = new CancellationTokenSource(Guard);
        await using var live = await FeedEvents.OpenAsync(api, leader, null, guard.Token);

        var first = await live.NextOfTypeAsync("vitals", guard.Token);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors", platform, SensorApi.Registration("feed-vitals-1", longitude: -73.9712, latitude: 40.7831))).Status.ShouldBe(201);
        var changed = await live.NextOfTypeAsync("vitals", guard.Token);

        first.Data.GetProperty("unitCode").GetString().ShouldBe(place.Street);
        first.Id.ShouldBeNull("vital signs carry no feed position, so reconnecting resumes by case events only");
        changed.Data.GetProperty("sensors").GetProperty("registered").GetInt32()
            .ShouldBe(first.Data.GetProperty("sensors").GetProperty("registered").GetInt32() + 1);
    }

    /// <summary>An open event stream, read event by event.</summary>
    private sealed class FeedEvents : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private FeedEvents(HttpResponseMessage response, StreamReader reader) => (_response, _reader) = (response, reader);

        public static async Task<FeedEvents> OpenAsync(ApiHost api, string token, string? lastEventId, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/feed");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }

            var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
            return new FeedEvents(response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
        }

        /// <summary>The next event of <paramref name="type"/> about <paramref name="caseId"/>, skipping others.</summary>
        public async Task<(string Id, string Type, JsonElement Data, string Raw)> NextAsync(string caseId, CancellationToken cancellationToken, string type = "case")
        {
            while (true)
            {
                string? id = null, eventType = null, data = null;
                for (var line = await _reader.ReadLineAsync(cancellationToken); line is not null && line.Length > 0; line = await _reader.ReadLineAsync(cancellationToken))
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal)) { id = line[4..]; }
                    else if (line.StartsWith("event: ", StringComparison.Ordinal)) { eventType = line[7..]; }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal)) { data = line[6..]; }
                }

                if (data is not null && eventType == type)
                {
                    var parsed = JsonDocument.Parse(data).RootElement.Clone();
                    if (parsed.GetProperty("caseId").GetString() == caseId)
                    {
                        return (id!, eventType, parsed, data);
                    }
                }
            }
        }

        /// <summary>The next event of <paramref name="type"/>, whatever it is about.</summary>
        public async Task<(string? Id, JsonElement Data)> NextOfTypeAsync(string type, CancellationToken cancellationToken)
        {
            while (true)
            {
                string? id = null, eventType = null, data = null;
                for (var line = await _reader.ReadLineAsync(cancellationToken); line is not null && line.Length > 0; line = await _reader.ReadLineAsync(cancellationToken))
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal)) { id = line[4..]; }
                    else if (line.StartsWith("event: ", StringComparison.Ordinal)) { eventType = line[7..]; }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal)) { data = line[6..]; }
                }

                if (data is not null && eventType == type)
                {
                    return (id, JsonDocument.Parse(data).RootElement.Clone());
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
