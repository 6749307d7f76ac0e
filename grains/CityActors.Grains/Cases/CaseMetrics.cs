using System.Diagnostics;
using System.Diagnostics.Metrics;
using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>
/// The "CityActors.Cases" meter and activity source: commands by name and outcome, how long deciding and committing
/// took, and a span per command (a child of the caller's grain-call span).
/// </summary>
public sealed class CaseMetrics
{
    public const string Name = "CityActors.Cases";

    private static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _duration;

    public CaseMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Name);
        _commands = meter.CreateCounter<long>("cityactors.cases.commands", "{command}", "Case commands handled, by command and outcome (applied, unchanged, or the refusal's kind).");
        _duration = meter.CreateHistogram<double>("cityactors.cases.command.duration", "s", "Time from receiving a case command to its events being committed.");
    }

    /// <summary>Starts the span of one command; null when nobody listens.</summary>
    public static Activity? StartCommand(string caseId, CaseCommand command)
    {
        var activity = Source.StartActivity("case " + command.Name);
        activity?.SetTag("cityactors.case.id", caseId);
        return activity;
    }

    public void Record(CaseCommand command, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "command", command.Name }, { "outcome", outcome } };
        _commands.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}
