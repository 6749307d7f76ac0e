using CityActors.Domain.Cases;

namespace CityActors.LoadTests.Replay.Lifecycle;

/// <summary>
/// What the replay knows about one case from its own side: per step kind, how many commands it sent (attempts) and
/// how many the cluster acknowledged (an answer, or an error after which the journal showed the command applied), and
/// the last version and status acknowledged. Reconciliation holds the cluster's journal against it.
/// </summary>
public sealed class CaseLedger(CasePlan plan)
{
    private readonly int[] _attempted = new int[StepKinds.All.Count];
    private readonly int[] _acknowledged = new int[StepKinds.All.Count];

    public CasePlan Plan { get; } = plan;

    public int LastVersion { get; private set; }

    public CaseStatus LastStatus { get; private set; }

    /// <summary>The lifecycle gave up on a step (it kept failing past the step's patience); later steps were not sent.</summary>
    public bool Abandoned { get; set; }

    /// <summary>Every planned step was acknowledged.</summary>
    public bool Completed { get; set; }

    public int Attempted(StepKind kind) => Volatile.Read(ref _attempted[(int)kind]);

    public int Acknowledged(StepKind kind) => Volatile.Read(ref _acknowledged[(int)kind]);

    public bool Reported => Acknowledged(StepKind.Report) > 0;

    public void Attempt(StepKind kind) => Interlocked.Increment(ref _attempted[(int)kind]);

    public void Acknowledge(StepKind kind, int version, CaseStatus status)
    {
        Interlocked.Increment(ref _acknowledged[(int)kind]);
        if (version > LastVersion)
        {
            (LastVersion, LastStatus) = (version, status);
        }
    }

    /// <summary>
    /// How many events of the kind's own type the journal must hold for the acknowledged commands: an accept and a
    /// later dispatch both write a dispatch, an inspection writes a closure or a failed inspection.
    /// </summary>
    public static int EventsOf(StepKind kind, IReadOnlyList<CaseEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return kind switch
        {
            StepKind.Report => history.Count(e => e is CaseReported),
            StepKind.Verify => history.Count(e => e is CaseVerified),
            StepKind.Accept => history.Count(e => e is CaseAccepted),
            StepKind.Return => history.Count(e => e is AssignmentReturned),
            StepKind.Dispatch => history.Count(e => e is CaseDispatched) - history.Count(e => e is CaseAccepted),
            StepKind.SignFor => history.Count(e => e is AssignmentSignedFor),
            StepKind.RequestExtension => history.Count(e => e is ExtensionRequested),
            StepKind.DecideExtension => history.Count(e => e is ExtensionDecided),
            StepKind.ReportHandled => history.Count(e => e is AssignmentHandled),
            StepKind.Inspect => history.Count(e => e is CaseClosed or InspectionFailed),
            _ => history.Count(e => e is CaseEvaluated),
        };
    }
}
