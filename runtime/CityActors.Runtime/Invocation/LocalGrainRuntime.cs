using CityActors.Runtime.Activations;
using CityActors.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace CityActors.Runtime.Invocation;

/// <summary>
/// The silo's own call path: stamps each request with its deadline and hands it to the activation directly
/// (references remember the activation they last reached, skipping the catalog lookup). Arguments are not copied:
/// grain message types are immutable records by convention.
/// </summary>
internal sealed class LocalGrainRuntime(Catalog catalog, TimeProvider time, IOptions<SiloOptions> options) : GrainFactoryBase
{
    private readonly TimeSpan _defaultTimeout = options.Value.DefaultCallTimeout;

    /// <summary>Delivers a request that did not come from a proxy (one rebuilt from the wire), with the caller's remaining time.</summary>
    internal void Deliver(GrainId target, GrainRequest request, TimeSpan? remaining = null)
    {
        var timeout = request.Timeout ?? _defaultTimeout;
        if (remaining is { } left && left < timeout)
        {
            timeout = left;
        }

        request.Prepare(target, time.GetTimestamp(), timeout, ToTimestampTicks(time, timeout), CancellationToken.None);
        catalog.Dispatch(target, request);
    }

    public override void Send(GrainReference target, GrainRequest request, CancellationToken cancellationToken)
    {
        Stamp(time, target.GrainId, request, _defaultTimeout, cancellationToken);
        Telemetry.StartCall(request);
        SendStamped(target, request);
    }

    /// <summary>Delivers an already stamped request to its activation here.</summary>
    internal void SendStamped(GrainReference? target, GrainRequest request)
    {
        if (target?.RouteCache is Activation cached && cached.TryEnqueueRequest(request))
        {
            return;
        }

        var activation = catalog.Dispatch(request.Target, request);
        if (target is not null)
        {
            target.RouteCache = activation;
        }
    }
}
