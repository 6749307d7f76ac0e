using System.Threading.RateLimiting;
using CityActors.Api.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace CityActors.Api.Hosting;

/// <summary>
/// What one client may send: request bodies up to <c>CityActors:Api:MaxRequestBodyBytes</c> (default 1 MiB, else 413),
/// and <c>CityActors:Api:RateLimit:PermitsPerSecond</c> requests per second with bursts of
/// <c>CityActors:Api:RateLimit:Burst</c> per caller (the token's subject, else the client address; else 429 with
/// Retry-After). Browsers from <c>CityActors:Api:Cors:Origins</c> may call the API.
/// </summary>
public static class ApiLimits
{
    public const string CorsPolicy = "configured-origins";

    public static WebApplicationBuilder AddApiLimits(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("CityActors:Api");
        var maxBody = section.GetValue<long?>("MaxRequestBodyBytes") ?? 1024 * 1024;
        var permits = section.GetValue<int?>("RateLimit:PermitsPerSecond") ?? 500;
        var burst = section.GetValue<int?>("RateLimit:Burst") ?? permits * 2;
        if (maxBody <= 0 || permits <= 0 || burst < permits)
        {
            throw new InvalidOperationException(
                $"CityActors:Api limits must be positive, with Burst ≥ PermitsPerSecond (MaxRequestBodyBytes {maxBody}, PermitsPerSecond {permits}, Burst {burst}).");
        }

        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = maxBody);
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetTokenBucketLimiter(
                ClientOf(context),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = permits,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                await ApiProblems.TooManyRequests($"More than {permits} requests per second (bursts of {burst}) from this client; retry after a second.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });

        var origins = section.GetSection("Cors:Origins").GetChildren().Select(c => c.Value).OfType<string>().ToArray();
        builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, policy =>
        {
            policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Location", "Retry-After");
        }));
        return builder;
    }

    /// <summary>Requests are counted per caller: the bearer token's subject once authenticated, the remote address before.</summary>
    private static string ClientOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && ApiTokens.ActorOf(context.User) is { } caller
            ? $"caller:{caller.Role}:{caller.Id}"
            : $"address:{context.Connection.RemoteIpAddress}";
}
