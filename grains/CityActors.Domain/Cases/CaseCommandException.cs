namespace CityActors.Domain.Cases;

/// <summary>A refused case command; the message names the case, its state and the command.</summary>
public sealed class CaseCommandException(CaseErrorKind kind, string message) : Exception(message)
{
    public CaseErrorKind Kind { get; } = kind;
}
