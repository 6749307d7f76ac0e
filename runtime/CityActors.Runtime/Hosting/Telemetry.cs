using System.Diagnostics;
using CityActors.Runtime.Invocation;

namespace CityActors.Runtime.Hosting;

/// <summary>
/// Tracing: one span per grain call on the calling side (client kind) and one where it runs (server kind), linked
/// across processes by the W3C traceparent carried in the request frame. Spans exist only while someone listens
/// to the "CityActors.Runtime" activity source, so an untraced silo pays one check per call.
/// </summary>
internal static class Telemetry
{
    public const string SourceName = "CityActors.Runtime";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the caller's span for a stamped request and ends it when the call completes.</summary>
    public static void StartCall(GrainRequest request)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        var activity = Source.StartActivity($"{request.InterfaceName}/{request.MethodName}", ActivityKind.Client);
        if (activity is null)
        {
            return;
        }

        Tag(activity, request);
        request.TraceParent = activity.Id;
        EndWith(activity, request);
    }

    /// <summary>Starts the span of a call that arrived over the wire, as a child of the caller's span.</summary>
    public static void StartServe(GrainRequest request, string? traceParent)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        ActivityContext.TryParse(traceParent, null, out var parent);
        var activity = Source.StartActivity($"{request.InterfaceName}/{request.MethodName}", ActivityKind.Server, parent);
        if (activity is null)
        {
            return;
        }

        Tag(activity, request);
        EndWith(activity, request);
    }

    private static void Tag(Activity activity, GrainRequest request)
    {
        activity.SetTag("rpc.system", "cityactors");
        activity.SetTag("rpc.service", request.InterfaceName);
        activity.SetTag("rpc.method", request.MethodName);
        activity.SetTag("cityactors.grain", request.Target.ToString());
    }

    private static void EndWith(Activity activity, GrainRequest request) =>
        request.CompletionTask.ContinueWith(
            static (task, state) =>
            {
                var span = (Activity)state!;
                if (task.Exception?.InnerException is { } error)
                {
                    span.SetStatus(ActivityStatusCode.Error, error.Message);
                    span.SetTag("error.type", error.GetType().FullName);
                }

                span.Stop();
            },
            activity,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
