using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Matters;
using CityActors.LoadTests.Replay.Sources;

namespace CityActors.LoadTests.Replay.Lifecycle;

/// <summary>
/// Draws what the people around a case will do and when, from the run's probabilities: the street centre verifies and
/// accepts (the catalogue dispatches to the one department responsible), the department may return the case once (the
/// centre dispatches it again), signs for it, may ask for an extension (a centre leader approves four times in five),
/// reports it handled; the centre inspects (it may fail once, sending it back to handling) and may rate it. Each delay
/// is the stage's limit times a log-normal factor (median, σ, cap), so some stages run past their warning point or
/// deadline, and the plan says which clocks should warn, turn overdue and escalate.
/// </summary>
public sealed class LifecyclePlanner(CityModel city, CaseRules rules, LifecycleBehaviour behaviour)
{
    private readonly CaseDecider _decider = new(city, rules);

    /// <returns>The plan, or null when no single department is responsible at the case's place (the replay leaves those out).</returns>
    public CasePlan? Plan(CaseArrival arrival, Random random)
    {
        ArgumentNullException.ThrowIfNull(arrival);
        ArgumentNullException.ThrowIfNull(random);
        var matter = city.Catalogue.Find(arrival.MatterCode) ?? throw new InvalidOperationException($"Matter {arrival.MatterCode} is not in the catalogue.");
        var place = _decider.Locate(ReportedLocation.At(arrival.Longitude, arrival.Latitude));
        if (DispatchPlanner.Plan(city, matter, place).SingleOwner is not { } department)
        {
            return null;
        }

        var steps = new List<PlannedStep> { new(TimeSpan.Zero, StepKind.Report) };
        var clocks = new List<PlannedClock>();
        var now = TimeSpan.Zero;

        now = Stage("verify", CaseStage.Verify, StepKind.Verify);
        now = Stage("dispatch", CaseStage.AcceptAndDispatch, StepKind.Accept);
        if (random.NextDouble() < behaviour.ReturnProbability)
        {
            now = Stage("signfor", CaseStage.SignFor, StepKind.Return);
            now = Stage("dispatch", CaseStage.AcceptAndDispatch, StepKind.Dispatch);
        }

        now = Stage("signfor", CaseStage.SignFor, StepKind.SignFor);
        var handle = Limit(CaseStage.Handle);
        if (random.NextDouble() < behaviour.ExtensionProbability)
        {
            // Asked early, decided soon after, both well before the warning point, so the plan knows the limit the clock runs to.
            var extra = handle * 0.5;
            var approved = random.NextDouble() < 0.8;
            steps.Add(new PlannedStep(now + (handle * 0.3), StepKind.RequestExtension, Extra: extra));
            steps.Add(new PlannedStep(now + (handle * 0.35), StepKind.DecideExtension, Passed: approved));
            now = Stage("handle", CaseStage.Handle, StepKind.ReportHandled, approved ? handle + extra : handle, minimum: handle * 0.4);
        }
        else
        {
            now = Stage("handle", CaseStage.Handle, StepKind.ReportHandled);
        }

        if (random.NextDouble() < behaviour.InspectionFailProbability)
        {
            now = Stage("inspect", CaseStage.Inspect, StepKind.Inspect, passed: false);
            now = Stage("handle", CaseStage.Handle, StepKind.ReportHandled);
        }

        now = Stage("inspect", CaseStage.Inspect, StepKind.Inspect);
        if (random.NextDouble() < behaviour.RatingProbability)
        {
            steps.Add(new PlannedStep(now + (Limit(CaseStage.Inspect) * 0.1), StepKind.Evaluate, Satisfaction: Satisfaction(random)));
        }

        return new CasePlan(arrival with { Street = place.StreetCode }, department, steps, clocks);

        TimeSpan Limit(CaseStage stage) => matter.Limit(stage, Urgency.Normal).Duration;

        // A clock of the stage starts now and stops with the step, after a delay drawn against the limit it runs to.
        TimeSpan Stage(string name, CaseStage stage, StepKind step, TimeSpan? runsTo = null, TimeSpan minimum = default, bool passed = true)
        {
            var limit = runsTo ?? Limit(stage);
            var delay = TimeSpan.FromTicks(Math.Max(minimum.Ticks, (long)(limit.Ticks * behaviour.DelayFactor(random))));
            clocks.Add(new PlannedClock(name, delay, limit, limit * rules.WarnFraction, limit + rules.DistrictEscalationLimit.Duration));
            steps.Add(new PlannedStep(now + delay, step, Passed: passed));
            return now + delay;
        }
    }

    // Ratings of closed 311 cases lean to the ends: most are content, a sizeable few are not.
    private static int Satisfaction(Random random) => random.NextDouble() switch
    {
        < 0.40 => 5,
        < 0.70 => 4,
        < 0.85 => 3,
        < 0.93 => 2,
        _ => 1,
    };
}

/// <summary>The probabilities and delay distribution the simulated people follow (<see cref="ReplayOptions"/>).</summary>
public sealed record LifecycleBehaviour(
    double ReturnProbability, double ExtensionProbability, double InspectionFailProbability, double RatingProbability,
    double DelayMedian, double DelaySigma, double DelayCap)
{
    public static LifecycleBehaviour From(ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.ReturnProbability, options.ExtensionProbability, options.InspectionFailProbability, options.RatingProbability,
            options.DelayMedian, options.DelaySigma, options.DelayCap);
    }

    /// <summary>A delay as a fraction of its limit: log-normal with the median and σ, at most the cap.</summary>
    public double DelayFactor(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Min(DelayCap, DelayMedian * Math.Exp(DelaySigma * z));
    }
}
