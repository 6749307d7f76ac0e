using CityActors.Domain.Cases;
using Microsoft.Extensions.Logging;

namespace CityActors.Grains.Cases;

public sealed partial class CaseGrain
{
    /// <summary>
    /// After acceptance or reopening, a case still waiting for the centre is dispatched by the assistant when the model's
    /// suggestion clears the gate. Best effort: a refused or failed attempt leaves the case waiting, as without a model.
    /// </summary>
    private async Task TryAssistedDispatchAsync(DateTimeOffset now)
    {
        if (assistance.Assistant is not { } assistant || State.Status != CaseStatus.Accepted || State.Report is not { } report || State.Place is not { } place)
        {
            return;
        }

        try
        {
            var dispatch = assistant.Suggest(report, place, State.ReportedAt).Dispatch;
            if (dispatch is { Automatic: true, History: { } lead, Confidence: { } confidence })
            {
                await DecideAndCommitAsync(new AutoDispatchCase(Actor.Assistant, lead, assistant.Model.Version, confidence, dispatch.Threshold), now, null);
            }
        }
        catch (Exception ex) when (ex is CaseCommandException or InvalidOperationException or ArgumentException)
        {
            LogAssistedDispatchFailed(logger, Id, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId} stays with the centre: automatic dispatch failed")]
    private static partial void LogAssistedDispatchFailed(ILogger logger, string caseId, Exception exception);
}
