namespace CityActors.Domain.Cases;

/// <summary>The work queues of operations centres and departments.</summary>
public enum WorkQueue
{
    AwaitingVerification,
    AwaitingDispatch,
    AwaitingSignFor,
    InHandling,
    AwaitingInspection,

    /// <summary>An extension or suspension request waiting for the centre's leader.</summary>
    AwaitingApproval,

    /// <summary>黄灯.</summary>
    Warned,

    /// <summary>红灯.</summary>
    Overdue,

    /// <summary>Escalated to this centre from below.</summary>
    Escalated,

    /// <summary>Under a supervision order (督办) of this centre.</summary>
    Supervised,
}
