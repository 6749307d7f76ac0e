using CityActors.Domain.Cases;

namespace CityActors.Api.Security;

/// <summary>
/// Embedded mode only: <c>POST /api/v1/dev/tokens</c> issues a token for any identity, role and org unit, so the demo
/// city can be used without an identity provider. Never mapped when the host talks to a real cluster.
/// </summary>
public static class DevelopmentTokenEndpoints
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static IEndpointRouteBuilder MapDevelopmentTokens(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/dev/tokens", (DevelopmentTokenRequest request, ApiTokens tokens, TimeProvider time) =>
            {
                if (string.IsNullOrWhiteSpace(request.Id) || request.Role is null || request.Role == Role.System)
                {
                    return ApiProblems.Invalid("A development token needs an id and a role other than system.");
                }

                var now = time.GetUtcNow();
                var token = tokens.Issue(new Actor(request.Id, request.Role.Value, string.IsNullOrWhiteSpace(request.Org) ? null : request.Org), now, Lifetime);
                return Results.Ok(new DevelopmentToken(token, now + Lifetime));
            })
            .AllowAnonymous()
            .WithName("IssueDevelopmentToken")
            .WithTags("Development")
            .WithSummary("Issues a bearer token for any identity (embedded mode only).");
        return endpoints;
    }
}

/// <summary>Who the token is for.</summary>
/// <param name="Id">The person's or system's id.</param>
/// <param name="Role">The role, e.g. centreOperator, departmentClerk, citizen, channelSystem.</param>
/// <param name="Org">The org unit, department or channel the role is held at (none for citizens).</param>
public sealed record DevelopmentTokenRequest(string? Id, Role? Role, string? Org);

public sealed record DevelopmentToken(string AccessToken, DateTimeOffset ExpiresAt);
