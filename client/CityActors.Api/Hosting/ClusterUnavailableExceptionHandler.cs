using Microsoft.AspNetCore.Diagnostics;
using Orleans.Serialization;

namespace CityActors.Api.Hosting;

/// <summary>
/// A call the cluster could not carry through — a silo that died under it, a message it rejected while stopping, a
/// gateway lost, a response that did not come in time — is the cluster being unavailable for the moment (503 with the
/// unavailable problem), not a fault of the API (500), wherever in an endpoint it surfaces. Domain refusals are not
/// Orleans exceptions and are answered by the endpoints themselves. A silo's failure whose exception cannot be rebuilt
/// here (a type the client does not load, such as a database driver's, or one without a codec) arrives as a
/// serialization exception: it too says the call failed inside the cluster with an unknown outcome, so it is answered
/// the same way, and logged, because it hides the silo's own exception.
/// </summary>
internal sealed partial class ClusterUnavailableExceptionHandler(ILogger<ClusterUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is SerializerException or UnavailableExceptionFallbackException)
        {
            LogUnreadableFailure(logger, exception, httpContext.Request.Method, httpContext.Request.Path.Value ?? "");
        }
        else if (exception is not (OrleansException or TimeoutException))
        {
            return false;
        }

        await ApiProblems.Unavailable($"{exception.Message} Whether a command took effect is unknown: read it back before sending it again.").ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed in the cluster with an exception that could not be carried back; answered 503")]
    private static partial void LogUnreadableFailure(ILogger logger, Exception exception, string method, string path);
}
