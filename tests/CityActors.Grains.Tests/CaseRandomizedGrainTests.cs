using System.Text.Json;
using CityActors.Deadlines;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.Grains.Cases;
using Microsoft.Extensions.DependencyInjection;
using static CityActors.Grains.Tests.CaseSilo;

namespace CityActors.Grains.Tests;

/// <summary>
/// Random valid and invalid commands through the grains while the fake clock fires SLA deadlines, checking that each
/// case's journal replays to what the grain reports, that the pending deadlines are exactly the clocks' next points,
/// and that every centre's and department's queues equal what the journals say.
/// </summary>
public sealed class CaseRandomizedGrainTests
{
    private static readonly string[] Departments = ["rt.1.01.office", "rt.1.water", "rt.1.cgj", "rt.1.municipal", "rt.transit"];

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Queues_deadlines_and_views_always_match_the_journals(int seed)
    {
        var random = new Random(seed);
        await using var silo = await StartAsync(At(11, 16, 9));
        var deadlines = silo.Services.GetRequiredService<IDeadlines>();
        var ids = new List<string>();
        var owners = new HashSet<WorkOwner>();

        for (var step = 0; step < 250; step++)
        {
            silo.Clock.Advance(TimeSpan.FromMinutes(random.Next(0, 50)));
            if (ids.Count < 3 || random.Next(8) == 0)
            {
                var matter = new[] { "0101", "0501", "0301" }[random.Next(3)];
                ids.Add((await silo.ReportAsync($"rg{seed}-{step}", matter, SouthBank)).Id);
                continue;
            }

            var id = ids[random.Next(ids.Count)];
            var view = await silo.Case(id).Get();
            try
            {
                await silo.Case(id).Execute(NextCommand(random, view));
            }
            catch (CaseCommandException)
            {
                // Refused commands are part of the test; the checks below see that nothing changed.
            }

            if (step % 25 == 24)
            {
                await CheckAsync(silo, deadlines, ids, owners);
            }
        }

        await CheckAsync(silo, deadlines, ids, owners);
        owners.Count.ShouldBeGreaterThan(3);
    }

    private static async Task CheckAsync(CaseSilo silo, IDeadlines deadlines, List<string> ids, HashSet<WorkOwner> owners)
    {
        await silo.SettleAsync();
        await silo.Projector.CatchUpAsync();
        var expected = new Dictionary<(WorkOwner, WorkQueue), List<string>>();
        foreach (var id in ids)
        {
            var replayed = new CaseState();
            foreach (var @event in await silo.Case(id).GetHistory())
            {
                replayed.Apply(@event);
            }

            var view = await silo.Case(id).Get();
            JsonSerializer.Serialize(CaseView.From(replayed)).ShouldBe(JsonSerializer.Serialize(view));
            CaseConsistency.Violations(replayed).ShouldBeEmpty();

            var registered = (await deadlines.GetAsync(silo.Case(id).GetGrainId())).Select(d => (Name: d.Key, NextDue: d.Value)).Order().ToList();
            var clocks = replayed.IsSuspended || !replayed.Status.IsOpen()
                ? []
                : replayed.Timers.Values.Where(t => t.NextPoint is not null).Select(t => ("sla:" + t.Key, t.NextPoint!.Value.ToUniversalTime())).Order().ToList();
            registered.Select(r => (r.Name, r.NextDue.ToUniversalTime())).ShouldBe(clocks, $"deadlines of {id}");

            foreach (var entry in view.Queues)
            {
                owners.Add(entry.Owner);
                (expected.TryGetValue((entry.Owner, entry.Queue), out var list) ? list : expected[(entry.Owner, entry.Queue)] = []).Add(id);
            }
        }

        foreach (var owner in owners)
        {
            IWorkQueueGrain grain = owner.Kind == OwnerKind.Centre ? silo.Centre(owner.Code) : silo.Department(owner.Code);
            foreach (var queue in Enum.GetValues<WorkQueue>())
            {
                var actual = (await grain.GetQueue(queue)).Select(c => c.CaseId).Order().ToList();
                actual.ShouldBe(expected.GetValueOrDefault((owner, queue))?.Order().ToList() ?? [], $"{owner} {queue}");
            }
        }
    }

    private static CaseCommand NextCommand(Random random, CaseView view)
    {
        var street = view.Place.StreetCode;
        var department = view.Assignments.Count > 0 && random.Next(4) > 0
            ? view.Assignments[random.Next(view.Assignments.Count)].Department
            : Departments[random.Next(Departments.Length)];
        var clerk = new Actor("clerk", Role.DepartmentClerk, random.Next(6) == 0 ? "rt.2.water" : department);
        var op = new Actor("op", Role.CentreOperator, random.Next(6) == 0 ? "rt.2.01" : street);
        var leader = new Actor("leader", Role.CentreLeader, random.Next(2) == 0 ? street : "rt");
        return random.Next(16) switch
        {
            0 or 1 => new VerifyCase(op),
            2 => new RejectCase(op, "invalid"),
            3 or 4 => new AcceptCase(op),
            5 => new DispatchCase(op, department, random.Next(3) == 0 ? [Departments.First(d => d != department)] : null),
            6 or 7 => new SignFor(clerk, department),
            8 or 9 => new ReportHandled(clerk, department, "done"),
            10 => new ReturnCase(clerk, department, "not ours"),
            11 => random.Next(2) == 0 ? new RequestExtension(clerk, department, TimeSpan.FromHours(1), "more") : new DecideExtension(leader, random.Next(2) == 0),
            12 => random.Next(3) switch { 0 => new RequestSuspension(clerk, department, "wait"), 1 => new DecideSuspension(leader, true), _ => new ResumeCase(op) },
            13 => new InspectCase(op, random.Next(3) > 0),
            14 => new SuperviseCase(new Actor("leader", Role.CentreLeader, "rt"), "督办"),
            _ => random.Next(2) == 0 ? new EvaluateCase(op, random.Next(1, 6)) : new ReopenCase(op, "again"),
        };
    }
}
