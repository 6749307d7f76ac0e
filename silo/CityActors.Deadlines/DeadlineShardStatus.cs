namespace CityActors.Deadlines;

/// <summary>A deadline shard's state, for diagnostics and tests.</summary>
/// <param name="Shard">The shard number.</param>
/// <param name="Silo">The silo hosting the shard.</param>
/// <param name="Pending">Deadlines of the window held in memory (waiting, in flight or awaiting delete).</param>
/// <param name="InFlight">Deliveries awaiting their grain's answer.</param>
/// <param name="LoadedUntil">Every deadline due before this instant is in memory.</param>
/// <param name="DeliveriesStarted">Deliveries started by this activation, retries included.</param>
/// <param name="Delivered">Deliveries this activation's grains accepted.</param>
[GenerateSerializer, Immutable]
public sealed record DeadlineShardStatus(
    [property: Id(0)] int Shard,
    [property: Id(1)] SiloAddress Silo,
    [property: Id(2)] int Pending,
    [property: Id(3)] int InFlight,
    [property: Id(4)] DateTimeOffset LoadedUntil,
    [property: Id(5)] long DeliveriesStarted,
    [property: Id(6)] long Delivered);
