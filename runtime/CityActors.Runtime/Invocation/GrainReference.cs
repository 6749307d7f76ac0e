using System.ComponentModel;

namespace CityActors.Runtime.Invocation;

/// <summary>
/// Base of every generated proxy: a serializable address (grain id + interface) plus the invoker that delivers calls.
/// Holding a reference never activates the grain; calling a method does.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    private readonly IGrainCallInvoker _invoker;

    protected GrainReference(GrainId grainId, IGrainCallInvoker invoker)
    {
        GrainId = grainId;
        _invoker = invoker;
    }

    public GrainId GrainId { get; }

    public abstract string InterfaceName { get; }

    /// <summary>Routing hint owned by the invoker (the last activation this reference reached).</summary>
    internal object? RouteCache { get; set; }

    public bool Equals(GrainReference? other) =>
        other is not null && GrainId == other.GrainId && string.Equals(InterfaceName, other.InterfaceName, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"{InterfaceName}:{GrainId}";

    protected Task<TResult> Invoke<TResult>(GrainRequest<TResult> request, CancellationToken cancellationToken = default)
    {
        var task = request.ResultTask;
        _invoker.Send(this, request, cancellationToken);
        return task;
    }
}

/// <summary>Delivers requests from proxies to grains: locally in embedded mode, across the network when clustered.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainCallInvoker
{
    /// <summary>Sends <paramref name="request"/> to the grain <paramref name="target"/> refers to. Never throws: failures complete the request.</summary>
    void Send(GrainReference target, GrainRequest request, CancellationToken cancellationToken);
}
