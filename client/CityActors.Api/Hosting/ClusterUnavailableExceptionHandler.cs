using Microsoft.AspNetCore.Diagnostics;

namespace CityActors.Api.Hosting;

/// <summary>
/// A call the cluster could not carry through — a silo that died under it, a message it rejected while stopping, a
/// gateway lost, a response that did not come in time — is the cluster being unavailable for the moment (503 with the
/// unavailable problem), not a fault of the API (500), wherever in an endpoint it surfaces. Domain refusals are not
/// Orleans exceptions and are answered by the endpoints themselves.
/// </summary>
internal sealed class ClusterUnavailableExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansException or TimeoutException))
        {
            return false;
        }

        await ApiProblems.Unavailable($"{exception.Message} Whether a command took effect is unknown: read it back before sending it again.").ExecuteAsync(httpContext);
        return true;
    }
}
