namespace CityActors.LoadTests.Grains;

/// <summary>What the durable-writes grains persist: a small JSON document ({"value":…,"writes":…}).</summary>
public sealed class WriterState
{
    public int Value { get; set; }

    public int Writes { get; set; }

    /// <summary>The JSON the state serializes to, for the raw baseline's rows.</summary>
    public static string Json(int value, int writes) => FormattableString.Invariant($"{{\"value\":{value},\"writes\":{writes}}}");
}
