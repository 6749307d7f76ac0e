using Microsoft.AspNetCore.Diagnostics;

namespace CityActors.Api.Hosting;

/// <summary>
/// Requests the server refuses while reading them (a body over the size limit, a malformed request) become the API's
/// own problems (413 too-large, 400 malformed-body) instead of a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var problem = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? ApiProblems.TooLarge(bad.Message)
            : ApiProblems.MalformedBody(bad.Message);
        await problem.ExecuteAsync(httpContext);
        return true;
    }
}
