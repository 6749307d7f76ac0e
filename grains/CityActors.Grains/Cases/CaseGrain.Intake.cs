using CityActors.Assist.Cases;
using CityActors.Domain.Cases;
using CityActors.Domain.Vitals;
using Microsoft.Extensions.Logging;

namespace CityActors.Grains.Cases;

public sealed partial class CaseGrain
{
    /// <summary>
    /// Files a report: looks at its place (duplicates, the emergency profile in force), asks the city's model, decides and
    /// commits. The suggestion is the one whose expected time the report journals; a repeated report gets the suggestion
    /// for what was first reported when <paramref name="answerRepeat"/> (callers that only want the case skip that). The
    /// model is advice: when it fails, the report is filed without it.
    /// </summary>
    private async Task<(CaseView View, CaseSuggestion? Suggestion)> FileAsync(ReportCase command, bool answerRepeat)
    {
        var now = Now();
        if (State.Status != CaseStatus.None || command.Report is not { } report)
        {
            await DecideAndCommitAsync(command, now, null);
            return (View(), answerRepeat && State.Report is { } first ? SuggestFor(first, State.Place!, State.ReportedAt) : null);
        }

        // A place the city cannot resolve is left to the decision, which refuses it with its own message.
        CaseSuggestion? suggestion = null;
        var intake = Intake.None;
        if (TryLocate(report.Location) is { } place)
        {
            var emergency = await emergencies.AtAsync(CaseMark.UnitOf(place));
            var advice = await AdviseAsync(report, place, now);
            suggestion = advice?.Suggestion;
            var estimate = suggestion is { ExpectedAt: { } at, ExpectedHours: { } hours } ? new ResolutionEstimate(at, hours, suggestion.ModelVersion) : null;
            intake = advice is { JudgesDuplicates: true }
                ? new Intake(null, emergency, estimate, advice.Duplicate)
                : new Intake(await CaseDuplicates.FindAsync(GrainFactory, decider, place, report.MatterCode, now), emergency, estimate);
        }

        await DecideAndCommitAsync(command, now, intake);
        return (View(), suggestion);
    }

    /// <summary>
    /// The model's advice on a new report: its suggestion and its duplicate assessment against the open cases the tiles
    /// around it hold. Null without a model, or when the model failed (logged); intake then flags duplicates by its rule,
    /// as it does for a report the model cannot judge (no point, or a matter it knows no type of).
    /// </summary>
    private async Task<IntakeAdvice?> AdviseAsync(CaseReport report, CasePlace place, DateTimeOffset now)
    {
        if (assistance.Assistant is not { } assistant)
        {
            return null;
        }

        try
        {
            var candidates = assistant.JudgesDuplicatesOf(report.MatterCode)
                ? await CaseDuplicates.CandidatesAsync(GrainFactory, decider, place, CaseAssistant.DuplicateRadiusMeters, now - CaseAssistant.DuplicateWindow)
                : [];
            return assistant.AtIntake(Id, report, place, now, candidates);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAssistantFailed(logger, Id, ex);
            return null;
        }
    }

    private CasePlace? TryLocate(ReportedLocation? location)
    {
        try
        {
            return decider.Locate(location);
        }
        catch (CaseCommandException)
        {
            return null;
        }
    }

    /// <summary>The model's suggestion for a report; null without a model or when the model fails (logged).</summary>
    private CaseSuggestion? SuggestFor(CaseReport report, CasePlace place, DateTimeOffset reportedAt)
    {
        if (assistance.Assistant is not { } assistant)
        {
            return null;
        }

        try
        {
            return assistant.Suggest(report, place, reportedAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAssistantFailed(logger, Id, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId} is filed without the model's advice: the assistant failed")]
    private static partial void LogAssistantFailed(ILogger logger, string caseId, Exception exception);
}
