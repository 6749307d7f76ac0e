using CityActors.Domain.City;
using CityActors.Domain.Emergencies;
using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

/// <summary>
/// The case state machine, a pure function: <c>Decide</c> checks a command against the actor's role and org scope
/// and the case's state and returns the events it causes, or refuses with a <see cref="CaseCommandException"/>. The
/// caller's state is never touched; the caller appends the events and applies them. Deterministic: the same state,
/// command and time give the same events.
/// </summary>
public sealed partial class CaseDecider
{
    private readonly SlaPlanner _sla;

    public CaseDecider(CityModel city, CaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(rules);
        var errors = rules.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Case rules are not usable: " + string.Join(" ", errors), nameof(rules));
        }

        City = city;
        Rules = rules;
        _sla = new SlaPlanner(city.Calendar, rules);
    }

    public CityModel City { get; }

    public CaseRules Rules { get; }

    /// <param name="caseId">The id of the case the command was sent to.</param>
    /// <param name="state">The case's state as its journal says it is; read only.</param>
    /// <param name="command">What is asked, and by whom.</param>
    /// <param name="now">The time of the decision (the clock's own points use their exact instants).</param>
    /// <param name="duplicates">For <see cref="ReportCase"/>: open cases the duplicate index found near the report.</param>
    /// <param name="emergency">For <see cref="ReportCase"/>: the emergency profile in force at the report's place, if any.</param>
    /// <returns>The events, in order; none when the command changes nothing (a repeated report, a clock point already passed).</returns>
    /// <exception cref="CaseCommandException">The command is refused.</exception>
    public IReadOnlyList<CaseEvent> Decide(string caseId, CaseState state, CaseCommand command, DateTimeOffset now, IReadOnlyList<string>? duplicates = null, ActiveEmergency? emergency = null) =>
        Decide(caseId, state, command, now, new Intake(duplicates, emergency), out _);

    /// <summary>Decides as the other overload does, and gives the state the events lead to.</summary>
    /// <param name="caseId">The id of the case the command was sent to.</param>
    /// <param name="state">The case's state as its journal says it is; read only.</param>
    /// <param name="command">What is asked, and by whom.</param>
    /// <param name="now">The time of the decision.</param>
    /// <param name="intake">For <see cref="ReportCase"/>: what the silo found at the report's place (duplicates, an emergency profile).</param>
    /// <param name="after">The state the events lead to (a new object; <paramref name="state"/> stays as it is).</param>
    /// <returns>The events, in order.</returns>
    /// <exception cref="CaseCommandException">The command is refused.</exception>
    public IReadOnlyList<CaseEvent> Decide(string caseId, CaseState state, CaseCommand command, DateTimeOffset now, Intake? intake, out CaseState after)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);

        // Later steps of one command read what earlier steps changed (a dispatch stops the dispatch clock it just
        // ended), so the decision folds its events into a working copy of the state; the caller's state stays as it is.
        var working = state.Copy();
        var events = new List<CaseEvent>();
        DecideInto(caseId, working, command, now, e =>
        {
            working.Apply(e);
            events.Add(e);
        }, intake ?? Intake.None);
        after = working;
        return events;
    }

    private void DecideInto(string caseId, CaseState state, CaseCommand command, DateTimeOffset now, Action<CaseEvent> emit, Intake intake)
    {
        if (command.By is null || string.IsNullOrWhiteSpace(command.By.Id) || !Enum.IsDefined(command.By.Role))
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"{command.Name} needs an actor with an id and a known role.");
        }

        if (command is ReportCase report)
        {
            DecideReport(caseId, state, report, now, emit, intake);
            return;
        }

        if (state.Status == CaseStatus.None)
        {
            throw new CaseCommandException(CaseErrorKind.NotFound, $"Case {caseId} does not exist; {command.Name} needs a reported case.");
        }

        var context = new Context(this, state, command, now, emit);
        if (command is not Cases.TimerDue)
        {
            CatchUpClock(context);
        }

        switch (command)
        {
            case VerifyCase c: Verify(context, c); break;
            case RejectCase c: Reject(context, c); break;
            case MergeCase c: Merge(context, c); break;
            case AcceptCase c: Accept(context, c); break;
            case DispatchCase c: Dispatch(context, c); break;
            case AutoDispatchCase c: AutoDispatch(context, c); break;
            case SignFor c: SignFor(context, c); break;
            case ReportHandled c: ReportHandled(context, c); break;
            case ReturnCase c: Return(context, c); break;
            case RequestExtension c: RequestExtension(context, c); break;
            case DecideExtension c: DecideExtension(context, c); break;
            case RequestSuspension c: RequestSuspension(context, c); break;
            case DecideSuspension c: DecideSuspension(context, c); break;
            case ResumeCase c: Resume(context, c); break;
            case InspectCase c: Inspect(context, c); break;
            case EvaluateCase c: Evaluate(context, c); break;
            case SuperviseCase c: Supervise(context, c); break;
            case ReopenCase c: Reopen(context, c); break;
            case LinkReporter c: LinkReporter(context, c); break;
            case TimerDue c: TimerDue(context, c); break;
            case RecordSensorReadings c: RecordSensorReadings(context, c); break;
            case RecordSensorRecovery c: RecordSensorRecovery(context, c); break;
            default: throw new CaseCommandException(CaseErrorKind.Invalid, $"Command {command.Name} is not known to this version.");
        }
    }

    /// <summary>The matter of a reported case.</summary>
    public Matter MatterOf(CaseState state) =>
        City.Catalogue.Find(state.Report!.MatterCode) ?? throw new InvalidOperationException($"Case {state.Id} names matter {state.Report.MatterCode}, which catalogue {City.Catalogue.Id} no longer has.");

    /// <summary>Resolves a report's location through the city model; refuses places outside the city and unknown units.</summary>
    public CasePlace Locate(ReportedLocation? location)
    {
        if (location is null)
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, "A report needs a location.");
        }

        if (location.HasPoint)
        {
            var (longitude, latitude) = (location.Longitude!.Value, location.Latitude!.Value);
            if (!double.IsFinite(longitude) || !double.IsFinite(latitude) || Math.Abs(longitude) > 180 || Math.Abs(latitude) > 90)
            {
                throw new CaseCommandException(CaseErrorKind.Invalid, $"Location ({longitude}, {latitude}) is not a WGS84 longitude/latitude.");
            }

            var found = City.Locate(longitude, latitude);
            if (!found.IsInsideCity)
            {
                throw new CaseCommandException(CaseErrorKind.Invalid, $"Location ({longitude}, {latitude}) is outside city {City.Id}.");
            }

            return new CasePlace(found.Grid!.Code, found.Community!.Code, found.Street!.Code, found.District!.Code, longitude, latitude, location.Address);
        }

        if (string.IsNullOrWhiteSpace(location.Address) || string.IsNullOrWhiteSpace(location.UnitCode))
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, "Location needs a longitude and latitude, or an address with the grid cell or community it is in.");
        }

        var unit = City.FindUnit(location.UnitCode);
        if (unit is null || unit.Level is not (OrgLevel.Grid or OrgLevel.Community))
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"Location unit '{location.UnitCode}' is not a grid cell or community of city {City.Id}.");
        }

        return new CasePlace(
            unit.Level == OrgLevel.Grid ? unit.Code : null,
            unit.AncestorCode(OrgLevel.Community),
            unit.AncestorCode(OrgLevel.Street),
            unit.AncestorCode(OrgLevel.District),
            null,
            null,
            location.Address);
    }

    private void DecideReport(string caseId, CaseState state, ReportCase command, DateTimeOffset now, Action<CaseEvent> emit, Intake intake)
    {
        var report = command.Report ?? throw new CaseCommandException(CaseErrorKind.Invalid, "ReportCase needs a report.");
        var expectedId = Channels.CaseIdFor(report.Channel, report.ExternalId);
        if (expectedId != caseId)
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"Report {report.Channel}/{report.ExternalId} belongs to case {expectedId}, not {caseId}.");
        }

        if (state.Status != CaseStatus.None)
        {
            return; // The same channel and external id again: the case already exists, nothing changes.
        }

        ValidateReport(report);
        var place = Locate(report.Location);
        if (!CaseAccess.MayReport(command.By, report.Channel, place))
        {
            throw new CaseCommandException(CaseErrorKind.Forbidden, $"{command.By} may not report through channel {report.Channel} at {place.GridCode ?? place.CommunityCode}.");
        }

        var meta = new EventMeta(now, command.By, null, report.Photos);
        emit(new CaseReported(meta, caseId, report, place, intake.Emergency?.TighteningFor(City.Catalogue.Find(report.MatterCode)!)));
        if (intake.DuplicateScore is { } scored)
        {
            emit(new DuplicateScored(meta, scored));
        }

        var others = DuplicatesOf(caseId, intake);
        if (others.Count > 0)
        {
            emit(new DuplicatesFlagged(meta, others));
        }

        if (intake.Estimate is { } estimate)
        {
            emit(new ResolutionExpected(meta, estimate.ExpectedAt, estimate.Hours, estimate.ModelVersion));
        }

        var context = new Context(this, state, command, now, emit);
        if (others.Count == 0 && Rules.AutoVerifiedChannels.Contains(report.Channel))
        {
            emit(new CaseVerified(meta with { Reason = $"auto-verified: channel {report.Channel}" }));
            context.StartStage(TimerKeys.Dispatch, CaseStage.AcceptAndDispatch, context.Centre, meta);
        }
        else
        {
            context.StartStage(TimerKeys.Verify, CaseStage.Verify, context.Centre, meta);
        }
    }

    /// <summary>The open cases a new report is flagged as possibly repeating: the model's candidate when its score reaches
    /// the threshold (a model's assessment replaces the rule), else what intake's rule found.</summary>
    private static List<string> DuplicatesOf(string caseId, Intake intake) =>
        intake.DuplicateScore is { } scored
            ? scored.IsDuplicate && scored.CandidateId != caseId ? [scored.CandidateId] : []
            : [.. (intake.Duplicates ?? []).Where(d => d != caseId).Distinct()];

    private void ValidateReport(CaseReport report)
    {
        if (!Enum.IsDefined(report.Channel) || !Enum.IsDefined(report.Urgency))
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"Report has an unknown channel ({(int)report.Channel}) or urgency ({(int)report.Urgency}).");
        }

        if (City.Catalogue.Find(report.MatterCode ?? "") is null)
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"Matter '{report.MatterCode}' is not in catalogue {City.Catalogue.Id} of city {City.Id}.");
        }

        if (string.IsNullOrWhiteSpace(report.Description) || report.Description.Length > 4000)
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, "Report description must have 1–4000 characters.");
        }

        CheckAttachments(report.Photos);
    }

    private static void CheckAttachments(IReadOnlyList<string>? attachments)
    {
        if (attachments is null)
        {
            return;
        }

        if (attachments.Count > 20 || attachments.Any(a => string.IsNullOrWhiteSpace(a) || a.Length > 500))
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, "Attachments are at most 20 references of 1–500 characters each.");
        }
    }

    private static string Required(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4000)
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"{what} must have 1–4000 characters.");
        }

        return text;
    }
}
