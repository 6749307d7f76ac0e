namespace CityActors.LoadTests.Replay.Lifecycle;

/// <summary>What the simulated people do to a case, one command each; the names are the REST API's.</summary>
public enum StepKind
{
    Report,
    Verify,
    Accept,
    Return,
    Dispatch,
    SignFor,
    RequestExtension,
    DecideExtension,
    ReportHandled,
    Inspect,
    Evaluate,
}

public static class StepKinds
{
    public static readonly IReadOnlyList<StepKind> All = Enum.GetValues<StepKind>();

    public static string Name(this StepKind kind) => kind switch
    {
        StepKind.Report => "report",
        StepKind.Verify => "verify",
        StepKind.Accept => "accept",
        StepKind.Return => "return",
        StepKind.Dispatch => "dispatch",
        StepKind.SignFor => "sign-for",
        StepKind.RequestExtension => "request-extension",
        StepKind.DecideExtension => "decide-extension",
        StepKind.ReportHandled => "report-handled",
        StepKind.Inspect => "inspect",
        _ => "evaluate",
    };
}
