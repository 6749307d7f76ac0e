namespace CityActors.Deadlines.Tests;

/// <summary>Fixed instants and grain ids the tests build on.</summary>
internal static class TestInstants
{
    public static readonly DateTimeOffset Start = new(2030, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static GrainId Grain(string key) => GrainId.Create("probe", key);

    public static DeadlineKey Key(string grain, string name) => new(Grain(grain), name);
}
