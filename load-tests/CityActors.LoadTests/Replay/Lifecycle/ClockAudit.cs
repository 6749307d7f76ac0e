using CityActors.Domain.Cases;

namespace CityActors.LoadTests.Replay.Lifecycle;

/// <summary>Per stage: clock runs and the points they reached, as recorded, and points the cluster missed or fired early.</summary>
public sealed class StageClocks
{
    public long Runs { get; set; }

    public long Warned { get; set; }

    public long Overdue { get; set; }

    public long EscalatedToDistrict { get; set; }

    public long EscalatedToCity { get; set; }

    /// <summary>Points a clock ran past (by its own recorded warning point, deadline or escalation deadline) with no event for them.</summary>
    public long Missed { get; set; }

    /// <summary>Events for points the clock had not reached when it stopped.</summary>
    public long Spurious { get; set; }
}

/// <summary>
/// The SLA clocks of the journals read back, judged against their own recorded points: every run of a stage clock
/// (started, rescheduled by an extension, stopped) that lasted past its warning point must have a warning, past its
/// deadline an overdue mark and the escalation to the district, past the district's deadline the escalation to the
/// city — and no mark may be recorded for a point the clock never reached. Clocks still running when the cases are
/// read back are judged up to that moment, leaving a grace of <see cref="Grace"/> for points just due.
/// </summary>
public sealed class ClockAudit
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, StageClocks> _stages = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IReadOnlyDictionary<string, StageClocks> Stages
    {
        get
        {
            lock (_lock)
            {
                return new SortedDictionary<string, StageClocks>(_stages, StringComparer.Ordinal);
            }
        }
    }

    public void Add(IReadOnlyList<CaseEvent> history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        var open = new Dictionary<string, Run>(StringComparer.Ordinal);
        var finished = new List<(Run Run, DateTimeOffset End, bool Stopped)>();
        foreach (var e in history)
        {
            switch (e)
            {
                case TimerStarted s when !s.Timer.IsSupervision:
                    open[s.Timer.Key] = new Run(s.Timer.Key.Split(':')[0], s.Timer.WarnAt, s.Timer.DueAt);
                    break;
                case TimerRescheduled r when open.TryGetValue(r.Key, out var run):
                    (run.WarnAt, run.DueAt) = (r.WarnAt, r.DueAt);
                    break;
                case TimerWarned w when open.TryGetValue(w.Key, out var run):
                    run.Warned = true;
                    break;
                case TimerOverdue o when open.TryGetValue(o.Key, out var run):
                    run.Overdue = true;
                    break;
                case TimerEscalated x when open.TryGetValue(x.Key, out var run):
                    if (x.Level == 1)
                    {
                        (run.District, run.CityDueAt) = (true, x.DueAt);
                    }
                    else
                    {
                        run.City = true;
                    }

                    break;
                case TimerStopped t when open.Remove(t.Key, out var run):
                    finished.Add((run, t.Meta.At, true));
                    break;
            }
        }

        finished.AddRange(open.Values.Select(r => (r, now - Grace, false)));
        lock (_lock)
        {
            foreach (var (run, end, stopped) in finished)
            {
                var stage = _stages.TryGetValue(run.Stage, out var s) ? s : _stages[run.Stage] = new StageClocks();
                stage.Runs++;
                stage.Warned += run.Warned ? 1 : 0;
                stage.Overdue += run.Overdue ? 1 : 0;
                stage.EscalatedToDistrict += run.District ? 1 : 0;
                stage.EscalatedToCity += run.City ? 1 : 0;
                Judge(stage, end > run.WarnAt, run.Warned, stopped);
                Judge(stage, end > run.DueAt, run.Overdue, stopped);
                Judge(stage, end > run.DueAt, run.District, stopped);
                Judge(stage, run.CityDueAt is { } cityDue && end > cityDue, run.City, stopped);
            }
        }
    }

    // A running clock may have marks for points after "now − grace": only stopped clocks can show a spurious mark.
    private static void Judge(StageClocks stage, bool reached, bool marked, bool stopped)
    {
        if (reached && !marked)
        {
            stage.Missed++;
        }
        else if (!reached && marked && stopped)
        {
            stage.Spurious++;
        }
    }

    private sealed class Run(string stage, DateTimeOffset warnAt, DateTimeOffset dueAt)
    {
        public string Stage { get; } = stage;

        public DateTimeOffset WarnAt { get; set; } = warnAt;

        public DateTimeOffset DueAt { get; set; } = dueAt;

        public DateTimeOffset? CityDueAt { get; set; }

        public bool Warned { get; set; }

        public bool Overdue { get; set; }

        public bool District { get; set; }

        public bool City { get; set; }
    }
}
