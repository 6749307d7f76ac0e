using System.Text.Json;
using CityActors.Domain.Cases;
using static CityActors.Domain.Tests.Cases.CaseBook;

namespace CityActors.Domain.Tests.Cases;

/// <summary>
/// Long random sequences of valid and invalid commands, with time moving on and clocks firing, checking after every
/// step that refused commands change nothing, the invariants hold, and replaying the (serialized) journal reproduces
/// the state.
/// </summary>
public sealed class CaseRandomizedTests
{
    private static readonly string[] Departments = ["rt.1.01.office", "rt.1.water", "rt.1.cgj", "rt.1.municipal", "rt.transit", "rt.2.water", "rt.2.01.office"];
    private static readonly string[] Matters = ["0101", "0501", "0301"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_command_sequences_keep_every_invariant(int seed)
    {
        var random = new Random(seed);
        var book = new CaseBook();
        var now = At(11, 13, 8);
        var fresh = 0;
        var accepted = 0;

        for (var step = 0; step < 600; step++)
        {
            now = now.AddMinutes(random.Next(0, 240));
            var open = book.States.Values.Where(s => s.Status.IsOpen() || (s.Status == CaseStatus.Closed && random.Next(3) == 0)).Select(s => s.Report!.ExternalId).ToList();
            var externalId = open.Count > 0 && random.Next(10) > 0 ? open[random.Next(open.Count)] : $"r{seed}-{++fresh}";
            var id = Channels.CaseIdFor(Channel.Hotline, externalId);
            var command = NextCommand(random, book, externalId, id);
            var before = Snapshot(book, id);
            var duplicates = command is ReportCase && random.Next(4) == 0 ? book.States.Keys.Where(k => k != id).Take(1).ToList() : null;
            try
            {
                book.Execute(id, command, now, duplicates);
                accepted++;
            }
            catch (CaseCommandException)
            {
                Snapshot(book, id).ShouldBe(before, $"step {step}: refused {command.Name} changed case {id}");
            }

            foreach (var caseId in book.States.Keys.ToList())
            {
                if (book.Tick(caseId, now).Count > 0 || caseId == id)
                {
                    Check(book, caseId, now, step);
                }
            }
        }

        accepted.ShouldBeGreaterThan(100);
        book.Journals.Values.SelectMany(j => j).Select(e => e.GetType()).Distinct().Count().ShouldBeGreaterThan(20);
    }

    private static void Check(CaseBook book, string id, DateTimeOffset now, int step)
    {
        var state = book[id];
        CaseConsistency.Violations(state).ShouldBeEmpty($"step {step}");
        if (!state.IsSuspended)
        {
            state.Timers.Values.ShouldAllBe(t => t.NextPoint == null || t.NextPoint > now, $"step {step}: a due clock did not fire");
        }

        var replayed = new CaseState();
        foreach (var @event in book.Journals[id])
        {
            var json = JsonSerializer.Serialize<CaseEvent>(@event);
            replayed.Apply(JsonSerializer.Deserialize<CaseEvent>(json)!);
        }

        JsonSerializer.Serialize(replayed).ShouldBe(JsonSerializer.Serialize(state), $"step {step}: replay differs");
    }

    private static string Snapshot(CaseBook book, string id) =>
        book.States.TryGetValue(id, out var state) ? $"{book.Journals[id].Count}:{JsonSerializer.Serialize(state)}" : "none";

    private static CaseCommand NextCommand(Random random, CaseBook book, string externalId, string id)
    {
        var state = book.States.GetValueOrDefault(id);
        var place = state?.Place;
        var department = state is not null && state.Assignments.Count > 0 && random.Next(4) > 0
            ? state.Assignments[random.Next(state.Assignments.Count)].Department
            : Departments[random.Next(Departments.Length)];
        var actor = PickActor(random, place, department);
        if (state is not null && random.Next(2) == 0 && Plausible(random, state, department) is { } next)
        {
            return next;
        }

        if (state is null && random.Next(10) > 0)
        {
            return new ReportCase(Hotline, new CaseReport(Channel.Hotline, externalId, Matters[random.Next(Matters.Length)], "random", random.Next(2) == 0 ? SouthBank : Market, new Reporter(CitizenId: "citizen-1")));
        }

        return random.Next(20) switch
        {
            0 => new ReportCase(Hotline, new CaseReport(Channel.Hotline, externalId, Matters[random.Next(Matters.Length)], "random", random.Next(2) == 0 ? SouthBank : Market, new Reporter(CitizenId: "citizen-1"))),
            1 => new VerifyCase(actor),
            2 => new RejectCase(actor, "invalid"),
            3 => new MergeCase(actor, book.States.Keys.FirstOrDefault(k => k != id) ?? "hl-x"),
            4 or 5 => new AcceptCase(actor),
            6 => new DispatchCase(actor, department, random.Next(3) == 0 ? [Departments[random.Next(Departments.Length)]] : null),
            7 or 8 => new SignFor(actor, department),
            9 or 10 => new ReportHandled(actor, department, "done"),
            11 => new ReturnCase(actor, department, "not ours"),
            12 => new RequestExtension(actor, department, TimeSpan.FromHours(random.Next(1, 5)), "more time"),
            13 => new DecideExtension(actor, random.Next(2) == 0),
            14 => random.Next(2) == 0 ? new RequestSuspension(actor, department, "waiting") : new DecideSuspension(actor, random.Next(3) > 0),
            15 => new ResumeCase(actor),
            16 or 17 => new InspectCase(actor, random.Next(3) > 0),
            18 => random.Next(2) == 0 ? new EvaluateCase(actor, random.Next(0, 7)) : new ReopenCase(actor, "again"),
            _ => new SuperviseCase(actor, "督办"),
        };
    }

    /// <summary>A command that fits the case's state, by an actor in scope — so sequences reach every stage.</summary>
    private static CaseCommand? Plausible(Random random, CaseState state, string department)
    {
        var street = state.Place!.StreetCode;
        if (state.PendingExtension is not null && random.Next(2) == 0)
        {
            return new DecideExtension(Leader(street), random.Next(3) > 0);
        }

        if (state.PendingSuspension is not null && random.Next(2) == 0)
        {
            return new DecideSuspension(Leader(state.Place.DistrictCode), random.Next(3) > 0);
        }

        if (state.IsSuspended)
        {
            return new ResumeCase(Operator(street));
        }

        var assignment = state.AssignmentOf(department);
        return state.Status switch
        {
            CaseStatus.Reported => random.Next(8) == 0 ? new RejectCase(Operator(street), "invalid") : new VerifyCase(Inspector(state.Place.GridCode!)),
            CaseStatus.Verified => new AcceptCase(Operator(street)),
            CaseStatus.Accepted => new DispatchCase(Operator(street), department, random.Next(3) == 0 ? [Departments.First(d => d != department)] : null),
            CaseStatus.Dispatched or CaseStatus.Handling when assignment is not null => (assignment.Status, random.Next(10)) switch
            {
                (AssignmentStatus.AwaitingSignFor, < 8) => new SignFor(Clerk(department), department),
                (AssignmentStatus.AwaitingSignFor, _) => new ReturnCase(Clerk(department), department, "not ours"),
                (AssignmentStatus.Handling, < 6) => new ReportHandled(Handler(department), department, "done"),
                (AssignmentStatus.Handling, 6) => new RequestExtension(Clerk(department), department, TimeSpan.FromHours(2), "more"),
                (AssignmentStatus.Handling, 7) => new RequestSuspension(Clerk(department), department, "waiting"),
                (AssignmentStatus.Handling, 8) => new SuperviseCase(Leader("rt"), "督办"),
                _ => new ReturnCase(Clerk(department), department, "not ours"),
            },
            CaseStatus.Handled => new InspectCase(Inspector(state.Place.GridCode!), random.Next(4) > 0),
            CaseStatus.Closed => random.Next(3) == 0 ? new ReopenCase(Operator(street), "again") : new EvaluateCase(new Actor("citizen-1", Role.Citizen), random.Next(1, 6)),
            _ => null,
        };
    }

    private static Actor PickActor(Random random, CasePlace? place, string department)
    {
        var street = place?.StreetCode ?? "rt.1.01";
        var district = place?.DistrictCode ?? "rt.1";
        return random.Next(12) switch
        {
            0 => Operator(street),
            1 => Leader(street),
            2 => Leader(district),
            3 => Operator("rt.2.01"),
            4 => Clerk(department),
            5 => Handler(department),
            6 => Clerk("rt.2.water"),
            7 => Inspector(place?.GridCode ?? "x"),
            8 => new Actor("citizen-1", Role.Citizen),
            9 => Leader("rt"),
            10 => Clerk(department),
            _ => Operator(street),
        };
    }
}
