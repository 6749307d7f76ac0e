namespace CityActors.Domain.Matters;

/// <summary>The timed stages of a case.</summary>
public enum CaseStage
{
    /// <summary>核实.</summary>
    Verify,

    /// <summary>立案 and 派遣 together.</summary>
    AcceptAndDispatch,

    /// <summary>签收.</summary>
    SignFor,

    /// <summary>处置.</summary>
    Handle,

    /// <summary>核查.</summary>
    Inspect,
}
