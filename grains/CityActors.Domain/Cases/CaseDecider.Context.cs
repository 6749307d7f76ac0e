using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

public sealed partial class CaseDecider
{
    /// <summary>One command being decided: the checks that refuse it and the steps that emit its events.</summary>
    private sealed class Context(CaseDecider decider, CaseState state, CaseCommand command, DateTimeOffset now, Action<CaseEvent> emit)
    {
        public CaseState State => state;

        public Actor By => command.By;

        public DateTimeOffset Now => now;

        public CasePlace Place => state.Place!;

        /// <summary>The street centre responsible for the case.</summary>
        public WorkOwner Centre => WorkOwner.Centre(Place.StreetCode);

        public EventMeta Meta(string? reason = null, IReadOnlyList<string>? attachments = null)
        {
            CheckAttachments(attachments);
            return new EventMeta(now, command.By, reason, attachments);
        }

        public void Emit(CaseEvent @event) => emit(@event);

        /// <summary>Refuses the command unless <paramref name="allowed"/>.</summary>
        public void Require(bool allowed, string? who = null)
        {
            if (!allowed)
            {
                throw new CaseCommandException(
                    CaseErrorKind.Forbidden,
                    $"{command.By} may not {command.Name} case {state.Id} ({state.Status}){(who is null ? "" : "; " + who)}.");
            }
        }

        /// <summary>Refuses the command unless the case is in one of <paramref name="statuses"/>.</summary>
        public void RequireStatus(params CaseStatus[] statuses)
        {
            if (!statuses.Contains(state.Status))
            {
                throw new CaseCommandException(
                    CaseErrorKind.InvalidTransition,
                    $"Case {state.Id} is {state.Status}: {command.Name} needs it to be {string.Join(" or ", statuses)}.");
            }
        }

        public void RefuseIf(bool condition, string why)
        {
            if (condition)
            {
                throw new CaseCommandException(CaseErrorKind.InvalidTransition, $"Case {state.Id} is {state.Status}: {command.Name} is not allowed because {why}.");
            }
        }

        public void RequireNotSuspended() => RefuseIf(state.IsSuspended, $"the case is suspended since {state.SuspendedAt:yyyy-MM-dd HH:mm zzz}; resume it first");

        /// <summary>The department's sub-task, refusing the command when the department has none on this case.</summary>
        public Assignment AssignmentOf(string department)
        {
            var assignment = state.AssignmentOf(department ?? "");
            if (assignment is null)
            {
                throw new CaseCommandException(
                    CaseErrorKind.Forbidden,
                    $"{command.By} may not {command.Name} case {state.Id} ({state.Status}): department '{department}' is not assigned to it.");
            }

            return assignment;
        }

        public void StartStage(string key, CaseStage stage, WorkOwner owner, EventMeta meta, int escalationLevel = 0)
        {
            var limit = state.Emergency?.Limits.TryGetValue(stage, out var tightened) == true
                ? tightened
                : decider.MatterOf(state).Limit(stage, state.Report!.Urgency);
            var escalatedTo = escalationLevel == 0 ? null : SlaPlanner.EscalationCentre(decider.City, Place, escalationLevel);
            emit(new TimerStarted(meta, decider._sla.Start(key, stage, owner, now, limit, escalationLevel, escalatedTo)));
        }

        public void StopTimer(string key, EventMeta meta)
        {
            if (state.Timers.ContainsKey(key))
            {
                emit(new TimerStopped(meta, key));
            }
        }

        public void StopTimers(Func<string, bool> which, EventMeta meta)
        {
            foreach (var key in state.Timers.Keys.Where(which).Order(StringComparer.Ordinal).ToList())
            {
                emit(new TimerStopped(meta, key));
            }
        }

        public void DispatchTo(string lead, IReadOnlyList<string> coHandlers, bool manual, EventMeta meta)
        {
            emit(new CaseDispatched(meta, lead, coHandlers, manual));
            StopTimer(TimerKeys.Dispatch, meta);
            foreach (var department in (IEnumerable<string>)[lead, .. coHandlers])
            {
                StartStage(TimerKeys.SignFor(department), CaseStage.SignFor, WorkOwner.Department(department), meta);
            }
        }

        /// <summary>Dispatches at once when the catalogue names a single owner; otherwise the case waits for the centre.</summary>
        public void TryAutoDispatch()
        {
            var plan = DispatchPlanner.Plan(decider.City, decider.MatterOf(state), Place);
            if (plan.SingleOwner is { } owner)
            {
                DispatchTo(owner, [], manual: false, new EventMeta(now, command.By, "auto-dispatch: " + plan.Explanation));
            }
        }

        /// <summary>Starts the inspection clock once every sub-task is handled.</summary>
        public void StartInspectionIfAllHandled(EventMeta meta)
        {
            if (state.Status == CaseStatus.Handled && !state.Timers.ContainsKey(TimerKeys.Inspect))
            {
                StartStage(TimerKeys.Inspect, CaseStage.Inspect, Centre, meta);
            }
        }
    }
}
