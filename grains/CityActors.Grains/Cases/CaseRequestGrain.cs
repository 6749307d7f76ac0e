using System.Text.Json;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.GrainInterfaces.Serialization;

namespace CityActors.Grains.Cases;

/// <summary>
/// Runs a case command once per idempotency key and answers retries from what it stored. Turn-based, so a retry that
/// arrives while the first call runs waits for it. A silo that dies after the case committed but before this grain
/// stored the answer leaves the key unanswered: the retry runs the command again and the case refuses a repeated
/// transition (409), so a command is still never applied twice.
/// </summary>
public sealed class CaseRequestGrain(
    [PersistentState("request")] IPersistentState<CaseRequestState> record,
    TimeProvider time) : Grain, ICaseRequestGrain
{
    /// <summary>How long an answer is kept for retries.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public async Task<CaseView> Execute(string caseId, CaseCommand command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        ArgumentNullException.ThrowIfNull(command);
        var fingerprint = JsonSerializer.Serialize(command, DomainSerialization.Json);
        var now = time.GetUtcNow();
        if (record.State.Answer is { } done && now - done.At < Retention)
        {
            if (done.CaseId != caseId || done.Fingerprint != fingerprint)
            {
                throw new ArgumentException(
                    $"Idempotency key {this.GetPrimaryKeyString()} was used at {done.At:O} for another request (case {done.CaseId}); use a new key for a new request.");
            }

            return done.View ?? throw new CaseCommandException(done.RefusedAs ?? CaseErrorKind.Invalid, done.Refusal ?? "The request was refused.");
        }

        CaseRequestRecord answer;
        try
        {
            var view = await GrainFactory.GetGrain<ICaseGrain>(caseId).Execute(command);
            answer = new CaseRequestRecord(caseId, fingerprint, now, view, null, null);
        }
        catch (CaseCommandException ex) when (ex.Kind != CaseErrorKind.Conflict)
        {
            // A refusal is an answer too (a conflict is not: nothing was decided, the client may retry the same request).
            record.State.Answer = new CaseRequestRecord(caseId, fingerprint, now, null, ex.Kind, ex.Message);
            await record.WriteStateAsync();
            throw;
        }

        record.State.Answer = answer;
        await record.WriteStateAsync();
        return answer.View!;
    }
}
