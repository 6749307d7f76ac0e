using CityActors.Api.Security;
using CityActors.Domain.Cases;
using Microsoft.AspNetCore.Http;

namespace CityActors.Api.Cases;

/// <summary>
/// Whose work queues a caller reads (their centre's or their department's) and which queue a <c>queue</c> parameter
/// names; the whole list and the paged one answer the same problems for the same mistakes.
/// </summary>
internal static class CallerQueues
{
    /// <summary>The caller, the queues' owner and the one queue asked for (null: all); or the problem to answer.</summary>
    public static (Actor Caller, WorkOwner Owner, WorkQueue? Only, IResult? Problem) Resolve(HttpContext context, string? queue)
    {
        if (ApiTokens.ActorOf(context.User) is not { } caller)
        {
            return (null!, null!, null, ApiProblems.Unauthenticated("The token names no subject or no known role."));
        }

        var owner = (StaffRoles.PostOf(caller.Role), caller.Org) switch
        {
            (StaffPost.OperationsCentre, { } unit) => WorkOwner.Centre(unit),
            (StaffPost.Department, { } department) => WorkOwner.Department(department),
            _ => null,
        };
        if (owner is null)
        {
            return (caller, null!, null, ApiProblems.Forbidden("Work queues belong to operations centres and departments; the caller works at neither."));
        }

        if (queue is null)
        {
            return (caller, owner, null, null);
        }

        // Enum.TryParse accepts numbers too; a queue is named, never numbered.
        return Enum.TryParse<WorkQueue>(queue, ignoreCase: true, out var parsed) && !int.TryParse(queue, out _)
            ? (caller, owner, parsed, null)
            : (caller, owner, null, ApiProblems.Invalid($"queue '{queue}' is not one of: {string.Join(", ", Enum.GetNames<WorkQueue>())}."));
    }
}
