namespace CityActors.Runtime.Invocation;

/// <summary>Creates proxies bound to one call path (<see cref="Send"/>): local, clustered silo or cluster client.</summary>
internal abstract class GrainFactoryBase : IGrainFactory, IGrainCallInvoker
{
    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var descriptor = GrainInterfaceRegistry.Get<TGrainInterface>();
        return (TGrainInterface)(object)descriptor.CreateProxy(new GrainId(descriptor.GrainType, key), this);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey
    {
        var descriptor = GrainInterfaceRegistry.Get<TGrainInterface>();
        return (TGrainInterface)(object)descriptor.CreateProxy(GrainId.Create(descriptor.GrainType, key), this);
    }

    public TGrainInterface GetGrain<TGrainInterface>(long key)
        where TGrainInterface : IGrainWithIntegerKey
    {
        var descriptor = GrainInterfaceRegistry.Get<TGrainInterface>();
        return (TGrainInterface)(object)descriptor.CreateProxy(GrainId.Create(descriptor.GrainType, key), this);
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain
    {
        if (grainId.IsDefault)
        {
            throw new ArgumentException("The grain id is empty.", nameof(grainId));
        }

        return (TGrainInterface)(object)GrainInterfaceRegistry.Get<TGrainInterface>().CreateProxy(grainId, this);
    }

    public abstract void Send(GrainReference target, GrainRequest request, CancellationToken cancellationToken);

    /// <summary>Converts a duration to <see cref="TimeProvider"/> timestamp ticks, saturating for huge values.</summary>
    internal static long ToTimestampTicks(TimeProvider time, TimeSpan span) =>
        span >= TimeSpan.MaxValue / 2 ? long.MaxValue / 2 : (long)(span.Ticks * (time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    /// <summary>Stamps target, deadline and caller token on a request before it is sent anywhere.</summary>
    internal static void Stamp(TimeProvider time, GrainId target, GrainRequest request, TimeSpan defaultTimeout, CancellationToken cancellationToken)
    {
        var timeout = request.Timeout ?? defaultTimeout;
        request.Prepare(target, time.GetTimestamp(), timeout, ToTimestampTicks(time, timeout), cancellationToken);
    }
}
