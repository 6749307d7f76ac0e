using CityActors.Runtime.Invocation;
using CityActors.Runtime.Tests.Grains;

namespace CityActors.Runtime.Tests;

public sealed class GrainIdentityTests
{
    // Reference values from the xxHash command-line tool (xxhsum -H0).
    [Theory]
    [InlineData("", 0x02CC5D05u)]
    [InlineData("abc", 0x32D153FFu)]
    [InlineData("counter/a", 0x1A2DC932u)]
    [InlineData("Nobody inspects the spammish repetition", 0xE2293B2Fu)]
    [InlineData("城运中心/街道-42", 0xA257CB65u)]
    public void Stable_hash_is_xxhash32_of_utf8(string text, uint expected) =>
        StableHash.Compute(text).ShouldBe(expected);

    [Fact]
    public void Grain_id_hash_and_shard_come_from_type_and_key()
    {
        var id = new GrainId("counter", "a");
        id.StableHash.ShouldBe(0x1A2DC932u);
        id.GetShard(1024).ShouldBe((int)(0x1A2DC932u % 1024));
        id.ToString().ShouldBe("counter/a");
        GrainId.Parse("counter/a").ShouldBe(id);
        GrainId.Parse("case/2026/000123").Key.ShouldBe("2026/000123");
    }

    [Fact]
    public void Grain_ids_compare_by_value()
    {
        new GrainId("counter", "a").ShouldBe(new GrainId("counter", "a"));
        new GrainId("counter", "a").ShouldNotBe(new GrainId("counter", "b"));
        new GrainId("counter", "a").ShouldNotBe(new GrainId("other", "a"));
    }

    [Theory]
    [InlineData("no-separator")]
    [InlineData("/key-without-type")]
    public void Parsing_rejects_malformed_ids(string text) =>
        Should.Throw<FormatException>(() => GrainId.Parse(text)).Message.ShouldContain(text);

    [Fact]
    public void Grain_types_must_not_contain_the_separator() =>
        Should.Throw<ArgumentException>(() => new GrainId("a/b", "k")).Message.ShouldContain("must not contain '/'");

    [Fact]
    public void Shard_count_must_be_positive() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new GrainId("t", "k").GetShard(0));

    [Fact]
    public void Shards_spread_evenly()
    {
        var counts = new int[64];
        for (var i = 0; i < 64_000; i++)
        {
            counts[new GrainId("case", $"2026-{i:D6}").GetShard(64)]++;
        }

        counts.Min().ShouldBeGreaterThan(850);
        counts.Max().ShouldBeLessThan(1150);
    }

    [Fact]
    public void Grain_types_derive_from_interface_names_unless_named()
    {
        GrainInterfaceRegistry.Get<ICounterGrain>().GrainType.ShouldBe("counter");
        GrainInterfaceRegistry.Get<IReentrantTurnGrain>().GrainType.ShouldBe("reentrant-turn");
        GrainInterfaceRegistry.Get<IAlarmListenerGrain>().GrainType.ShouldBe("alarm-listener");
        GrainInterfaceRegistry.Get<INumberedGrain>().GrainType.ShouldBe("numbered");
        GrainInterfaceRegistry.Get<IRemindable>().KeyKind.ShouldBe(GrainKeyKind.None);
    }
}
