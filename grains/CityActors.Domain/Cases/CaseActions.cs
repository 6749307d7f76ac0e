namespace CityActors.Domain.Cases;

/// <summary>
/// The lifecycle commands an actor may issue on a case now, found by asking <see cref="CaseDecider"/> itself: each
/// public command is decided against a copy of the state with plausible fields, and those the decider does not refuse
/// for the actor's role, org or the case's state are listed. Front-ends show these as the actions they offer, so the
/// buttons follow the very rules the commands are checked by. A listed command can still be refused for what the
/// caller then fills in (a department that does not exist, an empty reason).
/// </summary>
public static class CaseActions
{
    /// <summary>The public commands by their REST and JSON names, in lifecycle order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "verify", "reject", "merge", "accept", "dispatch", "sign-for", "report-handled", "return",
        "request-extension", "decide-extension", "request-suspension", "decide-suspension", "resume",
        "inspect", "evaluate", "supervise", "reopen",
    ];

    private const string Probe = "probe";

    /// <summary>What <paramref name="actor"/> may do now and where each running clock stands, in the clock's own time mode.</summary>
    public static CaseActionSheet SheetFor(CaseDecider decider, string caseId, CaseState state, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentNullException.ThrowIfNull(state);
        var calendar = decider.City.Calendar;
        var clocks = state.Timers.Values
            .OrderBy(t => t.DueAt)
            .Select(t => new ClockStanding(
                t.Key,
                t.Stage,
                t.Owner,
                t.Phase,
                t.WarnAt,
                t.DueAt,
                t.Limit.Mode,
                calendar.Elapsed(now, t.DueAt, t.Limit.Mode),
                t.EscalationLevel))
            .ToList();
        return new CaseActionSheet(Allowed(decider, caseId, state, actor, now), clocks, now);
    }

    public static IReadOnlyList<string> Allowed(CaseDecider decider, string caseId, CaseState state, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(actor);
        if (state.Status == CaseStatus.None)
        {
            return [];
        }

        var allowed = new List<string>();
        foreach (var name in Names)
        {
            try
            {
                decider.Decide(caseId, state, ProbeOf(name, actor, state), now);
                allowed.Add(name);
            }
            catch (CaseCommandException ex) when (ex.Kind == CaseErrorKind.Invalid)
            {
                // Role, org and state allow it; only the probe's made-up input was refused, which the caller will supply.
                allowed.Add(name);
            }
            catch (CaseCommandException)
            {
                // Forbidden for this actor, or not in this state.
            }
        }

        return allowed;
    }

    /// <summary>A command of that name by the actor; department commands name the actor's own department, as the caller would.</summary>
    private static CaseCommand ProbeOf(string name, Actor actor, CaseState state)
    {
        var department = actor.Org ?? "";
        return name switch
        {
            "verify" => new VerifyCase(actor),
            "reject" => new RejectCase(actor, Probe),
            "merge" => new MergeCase(actor, state.DuplicateCandidates.FirstOrDefault() ?? ""),
            "accept" => new AcceptCase(actor),
            "dispatch" => new DispatchCase(actor, ""),
            "sign-for" => new SignFor(actor, department),
            "report-handled" => new ReportHandled(actor, department, Probe),
            "return" => new ReturnCase(actor, department, Probe),
            "request-extension" => new RequestExtension(actor, department, TimeSpan.FromHours(1), Probe),
            "decide-extension" => new DecideExtension(actor, Approve: true),
            "request-suspension" => new RequestSuspension(actor, department, Probe),
            "decide-suspension" => new DecideSuspension(actor, Approve: true),
            "resume" => new ResumeCase(actor),
            "inspect" => new InspectCase(actor, Passed: true),
            "evaluate" => new EvaluateCase(actor, 5),
            "supervise" => new SuperviseCase(actor, Probe),
            "reopen" => new ReopenCase(actor, Probe),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a public case command."),
        };
    }
}
