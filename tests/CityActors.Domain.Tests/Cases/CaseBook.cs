using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Matters;
using CityActors.Domain.Package;
using CityActors.Domain.Tests.Package;

namespace CityActors.Domain.Tests.Cases;

/// <summary>
/// Cases of the Riverton test city driven through <see cref="CaseDecider"/> without a silo: each case keeps its state and
/// its journal, and every command either appends events or throws before changing anything.
/// </summary>
internal sealed class CaseBook(CaseRules? rules = null)
{
    public static readonly Lazy<CityModel> Riverton = new(() => CityPackageLoader.Load(TestCityPackage.Directory));

    // Places in the test city.
    public static readonly ReportedLocation SouthBank = ReportedLocation.At(121.405, 31.205);   // rt.1 / rt.1.01 / rt.1.01.south
    public static readonly ReportedLocation Market = ReportedLocation.At(121.425, 31.201);      // rt.2 / rt.2.01 / rt.2.01.market
    public static readonly ReportedLocation Harbour = ReportedLocation.At(121.4399, 31.2199);   // rt.2 / rt.2.02 / rt.2.02.harbour

    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public CaseDecider Decider { get; } = new(Riverton.Value, rules ?? CaseRules.Default);

    public Dictionary<string, CaseState> States { get; } = [];

    public Dictionary<string, List<CaseEvent>> Journals { get; } = [];

    public static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Shanghai);

    public static Actor Hotline { get; } = new("hotline-platform", Role.ChannelSystem, "hotline");

    public static Actor SensorPlatform { get; } = new("iot-platform", Role.ChannelSystem, "sensor");

    public static Actor Operator(string unit) => new($"op-{unit}", Role.CentreOperator, unit);

    public static Actor Leader(string unit) => new($"leader-{unit}", Role.CentreLeader, unit);

    public static Actor Clerk(string department) => new($"clerk-{department}", Role.DepartmentClerk, department);

    public static Actor Handler(string department) => new($"handler-{department}", Role.DepartmentHandler, department);

    public static Actor Inspector(string grid) => new($"inspector-{grid}", Role.GridInspector, grid);

    public CaseState this[string caseId] => States[caseId];

    /// <summary>Reports through the hotline and returns the case id.</summary>
    public string Report(string externalId, string matter, ReportedLocation where, DateTimeOffset at, Channel channel = Channel.Hotline, Urgency urgency = Urgency.Normal, IReadOnlyList<string>? duplicates = null, Reporter? reporter = null)
    {
        var report = new CaseReport(channel, externalId, matter, "描述 " + externalId, where, reporter ?? new Reporter("张三", "13800000000", "citizen-1"), urgency);
        var id = Channels.CaseIdFor(channel, externalId);
        Execute(id, new ReportCase(channel == Channel.Sensor ? SensorPlatform : Hotline, report), at, duplicates);
        return id;
    }

    public IReadOnlyList<CaseEvent> Execute(string caseId, CaseCommand command, DateTimeOffset at, IReadOnlyList<string>? duplicates = null)
    {
        var state = States.TryGetValue(caseId, out var existing) ? existing : new CaseState();
        var journal = Journals.TryGetValue(caseId, out var list) ? list : [];
        var events = Decider.Decide(caseId, state, command, at, duplicates);
        foreach (var e in events)
        {
            state.Apply(e);
            journal.Add(e);
        }

        if (journal.Count > 0)
        {
            States[caseId] = state;
            Journals[caseId] = journal;
        }

        return events;
    }

    /// <summary>Fires every clock of the case that is due at <paramref name="now"/>, as the grain's reminders would.</summary>
    public IReadOnlyList<CaseEvent> Tick(string caseId, DateTimeOffset now)
    {
        var events = new List<CaseEvent>();
        foreach (var key in this[caseId].Timers.Keys.Order(StringComparer.Ordinal).ToList())
        {
            events.AddRange(Execute(caseId, new TimerDue(Actor.Clock, key), now));
        }

        return events;
    }

    /// <summary>Verified, accepted and (by the catalogue) dispatched, starting at <paramref name="at"/>.</summary>
    public string Dispatched(string externalId, string matter, ReportedLocation where, DateTimeOffset at)
    {
        var id = Report(externalId, matter, where, at);
        var street = this[id].Place!.StreetCode;
        Execute(id, new VerifyCase(Operator(street)), at);
        Execute(id, new AcceptCase(Operator(street)), at);
        return id;
    }
}
