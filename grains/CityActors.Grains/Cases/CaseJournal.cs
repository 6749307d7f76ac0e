using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Serialization;
using CityActors.Journals;
using Microsoft.Extensions.Logging;

namespace CityActors.Grains.Cases;

/// <summary>The journals of case grains: their events as the domain's JSON, with a snapshot every hundred events.</summary>
public sealed partial class CaseJournal
{
    /// <summary>The grain type case journals are filed under (and the feed the case projection reads).</summary>
    public const string GrainType = "case";

    private readonly ILogger<CaseJournal> _log;

    public CaseJournal(IEventJournal journal, ILogger<CaseJournal> log)
    {
        _log = log;
        Events = new(journal, DomainSerialization.Json, static (state, e) => state.Apply(e), static state => state.Copy())
        {
            SnapshotFailed = LogSnapshotFailed,
        };
    }

    public JournaledState<CaseState, CaseEvent> Events { get; }

    public static JournalId Of(string caseId) => new(GrainType, caseId);

    private void LogSnapshotFailed(JournalId journal, Exception exception) => LogSnapshotFailed(_log, exception, journal);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Snapshot of {Journal} could not be written; the events are committed and replay reads them.")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, JournalId journal);
}
