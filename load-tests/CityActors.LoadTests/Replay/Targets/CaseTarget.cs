using CityActors.Domain.Cases;

namespace CityActors.LoadTests.Replay.Targets;

/// <summary>What the cluster answered to a command: the case's version and status after it, and its lead department.</summary>
public sealed record CaseAnswer(int Version, CaseStatus Status, string? Lead);

/// <summary>A command the front door refused or could not deliver, named by a short kind for the report ("http 503", "timeout", "refused Conflict").</summary>
public sealed class CaseCallException(string kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Kind { get; } = kind;
}

/// <summary>The front door the replay drives cases through: the cluster client's grains or the REST API.</summary>
public interface ICaseTarget
{
    string Name { get; }

    Task<CaseAnswer> ExecuteAsync(string caseId, CaseCommand command, CancellationToken cancellationToken);

    /// <summary>The case's journal, to tell after an error whether the command took effect.</summary>
    Task<IReadOnlyList<CaseEvent>> HistoryAsync(string caseId, CancellationToken cancellationToken);
}
