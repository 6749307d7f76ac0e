using System.Text.Json;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Serialization;

namespace CityActors.Grains.Tests.Serialization;

/// <summary>The learned duplicate assessment survives the journal's and the wire's JSON: as an event, in a state
/// snapshot, and in a case view.</summary>
public sealed class DuplicateScoreJsonTests
{
    private static readonly DuplicateAssessment Scored = new("hl-earlier", 0.59, 0.2349, "model-1", 3.1, 0.1, 1, 2, 1);

    [Fact]
    public void The_event_the_state_and_the_view_read_back_as_written()
    {
        CaseEvent scored = new DuplicateScored(new EventMeta(new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.FromHours(8)), Actor.Clock, null, null), Scored);
        var state = new CaseState { DuplicateScore = Scored };

        var json = JsonSerializer.Serialize(scored, DomainSerialization.Json);
        var read = JsonSerializer.Deserialize<CaseEvent>(json, DomainSerialization.Json).ShouldBeOfType<DuplicateScored>();

        json.ShouldContain("\"$event\":\"duplicate-scored\"");
        read.Assessment.ShouldBe(Scored);
        JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state, DomainSerialization.Json), DomainSerialization.Json)!.DuplicateScore.ShouldBe(Scored);
        JsonSerializer.Deserialize<DuplicateAssessment>("""{"candidateId":"a","score":0.1,"threshold":0.2,"modelVersion":"m","meters":1,"hours":2,"textSimilarity":0,"sameMatterNearby":1,"otherMattersNearby":0}""", DomainSerialization.Json)!
            .IsDuplicate.ShouldBeFalse();
    }
}
