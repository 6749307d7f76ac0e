namespace CityActors.Domain.Cases;

/// <summary>
/// Who issues a command: an id, a role, and the org the role is held in — for staff the code of the unit whose roster
/// holds the role (<see cref="StaffRoles"/>: a grid code for inspectors, a community code for community workers, a
/// centre's unit code for centre staff, a department code for department staff), the channel name for intake systems,
/// nothing for citizens.
/// </summary>
public sealed record Actor(string Id, Role Role, string? Org = null)
{
    /// <summary>The SLA clock and the runtime's own bookkeeping.</summary>
    public static readonly Actor Clock = new("sla-clock", Role.System);

    /// <summary>The dispatch assistant: dispatches a case when a learned model is confident enough (智能派遣).</summary>
    public static readonly Actor Assistant = new("dispatch-assistant", Role.System);

    public override string ToString() => Org is null ? $"{Role} {Id}" : $"{Role} {Id} of {Org}";
}
