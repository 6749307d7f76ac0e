using CityActors.Domain.Cases;

namespace CityActors.GrainInterfaces.Cases;

/// <summary>
/// One idempotent case request (an HTTP <c>Idempotency-Key</c>), keyed by the caller and the key. The first call runs
/// the command on the case and remembers its answer for a day; a retry with the same key and the same request gets that
/// answer again without running anything, and retries wait for each other.
/// </summary>
[Alias("cityactors.case-request")]
public interface ICaseRequestGrain : IGrainWithStringKey
{
    /// <summary>The key as the grain's: caller role and id, then the client's key.</summary>
    static string KeyOf(Actor caller, string idempotencyKey) => $"{caller.Role}:{caller.Id}:{idempotencyKey}";

    /// <exception cref="CaseCommandException">The command was refused (now, or by the first call, whose refusal is repeated).</exception>
    /// <exception cref="ArgumentException">The key was used within the day for another case or another command.</exception>
    [Alias("execute")]
    Task<CaseView> Execute(string caseId, CaseCommand command);
}
