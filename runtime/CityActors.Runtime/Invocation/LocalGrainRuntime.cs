using CityActors.Runtime.Activations;
using CityActors.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace CityActors.Runtime.Invocation;

/// <summary>
/// The embedded silo's grain factory and call path: stamps each request with its deadline and hands it to the
/// activation directly (references remember the activation they last reached, skipping the catalog lookup).
/// Arguments are not copied: grain message types are immutable records by convention.
/// </summary>
internal sealed class LocalGrainRuntime(Catalog catalog, TimeProvider time, IOptions<SiloOptions> options) : IGrainFactory, IGrainCallInvoker
{
    private readonly TimeSpan _defaultTimeout = options.Value.DefaultCallTimeout;

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

    /// <summary>Delivers a request that did not come from a proxy (one rebuilt from the wire).</summary>
    internal void Deliver(GrainId target, GrainRequest request)
    {
        Stamp(target, request, CancellationToken.None);
        catalog.Dispatch(target, request);
    }

    public void Send(GrainReference target, GrainRequest request, CancellationToken cancellationToken)
    {
        Stamp(target.GrainId, request, cancellationToken);
        if (target.RouteCache is Activation cached && cached.TryEnqueueRequest(request))
        {
            return;
        }

        target.RouteCache = catalog.Dispatch(target.GrainId, request);
    }

    private void Stamp(GrainId target, GrainRequest request, CancellationToken cancellationToken)
    {
        var timeout = request.Timeout ?? _defaultTimeout;
        request.Prepare(target, time.GetTimestamp(), timeout, catalog.ToTimestampTicks(timeout), cancellationToken);
    }
}
