using CityActors.Domain.Cases;
using CityActors.LoadTests.Replay.Reporting;
using CityActors.LoadTests.Replay.Targets;
using Orleans.Runtime;

namespace CityActors.LoadTests.Replay.Lifecycle;

/// <summary>
/// Drives one case through its plan, open loop: each step is sent at its intended time (the case's arrival plus the
/// step's offset on the run's clock) or, when the previous step is still unanswered then, as soon as it is answered;
/// its latency runs from the intended time. After an error the runner reads the case's journal: a command that took
/// effect counts as acknowledged, one that did not is sent again after a pause that doubles with every failure (0.25 s
/// up to 8 s, as a front-end backs off from a struggling service), until the step's patience runs out and the case is
/// abandoned (counted, and its journal still reconciled).
/// </summary>
public sealed class LifecycleRunner(ICaseTarget target, ReplayMetrics metrics, TimeSpan callTimeout, TimeSpan patience)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(8);

    public async Task RunAsync(CaseLedger ledger, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        metrics.CaseStarted();
        try
        {
            foreach (var step in ledger.Plan.Steps)
            {
                var intended = ledger.Plan.Arrival.At + step.At;
                var wait = intended - metrics.Now;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stop).ConfigureAwait(false);
                }

                metrics.StepDue(intended);
                bool done;
                try
                {
                    done = await StepAsync(ledger, step, intended, stop).ConfigureAwait(false);
                }
                finally
                {
                    metrics.StepDone();
                }

                if (!done)
                {
                    ledger.Abandoned = true;
                    return;
                }
            }

            ledger.Completed = true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            ledger.Abandoned = true;
        }
        finally
        {
            metrics.CaseFinished();
        }
    }

    private async Task<bool> StepAsync(CaseLedger ledger, PlannedStep step, TimeSpan intended, CancellationToken stop)
    {
        var plan = ledger.Plan;
        var command = CaseCommands.For(plan, step);
        var operation = step.Kind.Name();
        var pause = FirstPause;
        while (true)
        {
            ledger.Attempt(step.Kind);
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop);
                limit.CancelAfter(callTimeout);
                var answer = await target.ExecuteAsync(plan.CaseId, command, limit.Token).ConfigureAwait(false);
                ledger.Acknowledge(step.Kind, answer.Version, answer.Status);
                if (step.Kind == StepKind.Accept && answer.Lead != plan.Department)
                {
                    // Acknowledged, but the people planned for this case are not the ones who now hold it: its lifecycle ends here.
                    metrics.Failed(operation, "not dispatched as planned", metrics.Now, metrics.Commands, $"Case {plan.CaseId} went to {answer.Lead ?? "no department"}, not {plan.Department}.");
                    return false;
                }

                metrics.Succeeded(operation, intended, metrics.Now, metrics.Commands);
                return true;
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                metrics.Failed(operation, KindOf(ex), metrics.Now, metrics.Commands, $"{ex.GetType().Name}: {ex.Message}");
                await Task.Delay(pause, stop).ConfigureAwait(false);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
                if (await AppliedAsync(ledger, step.Kind, stop).ConfigureAwait(false) is { } version)
                {
                    ledger.Acknowledge(step.Kind, version, CaseStatus.None);
                    metrics.Succeeded(operation, intended, metrics.Now, metrics.Commands);
                    return true;
                }

                if (metrics.Now - intended > patience)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>The case's version when its journal shows more of this step's events than were acknowledged; null when not, or when it cannot be read now.</summary>
    private async Task<int?> AppliedAsync(CaseLedger ledger, StepKind kind, CancellationToken stop)
    {
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop);
            limit.CancelAfter(callTimeout);
            var history = await target.HistoryAsync(ledger.Plan.CaseId, limit.Token).ConfigureAwait(false);
            return CaseLedger.EventsOf(kind, history) > ledger.Acknowledged(kind) ? history.Count : null;
        }
        catch (Exception) when (!stop.IsCancellationRequested)
        {
            return null;
        }
    }

    public static string KindOf(Exception exception) => exception switch
    {
        CaseCallException call => call.Kind,
        CaseCommandException refused => $"refused {refused.Kind}",
        OperationCanceledException or TimeoutException => "timeout",
        SiloUnavailableException => "silo unavailable",
        OrleansMessageRejectionException => "rejected by the cluster",
        OrleansException => "orleans " + exception.GetType().Name,
        _ => exception.GetType().Name,
    };
}
