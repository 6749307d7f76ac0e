using System.Text.Json;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CityActors.Grains.Tests.Serialization;

public sealed class DomainCopyTests
{
    private static readonly DeepCopier Copier = new ServiceCollection()
        .AddSerializer(s => s.AddCityActorsSerialization())
        .BuildServiceProvider()
        .GetRequiredService<DeepCopier>();

    [Fact]
    public void Commands_events_and_views_are_immutable_records_and_states_are_not()
    {
        ImmutableDomainRecords.IsImmutable(typeof(ReportCase)).ShouldBeTrue();
        ImmutableDomainRecords.IsImmutable(typeof(CaseReported)).ShouldBeTrue();
        ImmutableDomainRecords.IsImmutable(typeof(CaseEvent)).ShouldBeTrue("every derived event is an immutable record");
        ImmutableDomainRecords.IsImmutable(typeof(CaseView)).ShouldBeTrue();
        ImmutableDomainRecords.IsImmutable(typeof(CaseState)).ShouldBeFalse("a case's state is a mutable class");
    }

    [Fact]
    public void Local_calls_pass_immutable_records_as_they_are_and_copy_mutable_state()
    {
        var command = new ReportCase(new Actor("hotline", Role.ChannelSystem, "hotline"), new CaseReport(Channel.Hotline, "1", "0501", "垃圾", ReportedLocation.At(121.4, 31.2), new Reporter()));
        Copier.Copy(command).ShouldBeSameAs(command);
        Copier.Copy<CaseCommand>(command).ShouldBeSameAs(command);

        var state = new CaseState { Id = "hl-1", Status = CaseStatus.Reported };
        state.Reporters.Add(new Reporter(Phone: "138"));
        var copy = Copier.Copy(state);
        copy.ShouldNotBeSameAs(state);
        copy.Reporters.ShouldNotBeSameAs(state.Reporters);
        JsonSerializer.Serialize(copy, DomainSerialization.Json).ShouldBe(JsonSerializer.Serialize(state, DomainSerialization.Json));
    }
}
