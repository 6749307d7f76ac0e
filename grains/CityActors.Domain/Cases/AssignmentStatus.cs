namespace CityActors.Domain.Cases;

/// <summary>Where one department's sub-task stands.</summary>
public enum AssignmentStatus
{
    AwaitingSignFor,
    Handling,
    Handled,
}
