using CityActors.Domain.Cases;

namespace CityActors.Api.Cases;

/// <summary>
/// Who sees a reporter's name, phone and account: centre staff and intake systems, who call reporters back. Everyone
/// else sees the name's initial and the phone's last four digits, and no account id, except a citizen looking at their
/// own entry.
/// </summary>
public static class ReporterPrivacy
{
    public static bool MayContact(Actor caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role is Role.CentreOperator or Role.CentreLeader or Role.ChannelSystem;
    }

    public static CaseView View(Actor caller, CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return MayContact(caller) ? view : view with { Reporters = [.. view.Reporters.Select(r => Mask(caller, r)!)] };
    }

    public static CasePage Page(Actor caller, CasePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return MayContact(caller) ? page : page with { Cases = [.. page.Cases.Select(c => View(caller, c))] };
    }

    public static CaseEvent Event(Actor caller, CaseEvent @event) => MayContact(caller) ? @event : @event switch
    {
        CaseReported reported => reported with { Report = reported.Report with { Reporter = Mask(caller, reported.Report.Reporter) } },
        ReporterLinked linked => linked with { Reporter = Mask(caller, linked.Reporter) },
        _ => @event,
    };

    private static Reporter? Mask(Actor caller, Reporter? reporter) =>
        reporter is null || (caller.Role == Role.Citizen && reporter.CitizenId == caller.Id)
            ? reporter
            : new Reporter(
                reporter.Name is { Length: > 0 } name ? name[..1] + "*" : null,
                reporter.Phone is { Length: > 4 } phone ? "***" + phone[^4..] : reporter.Phone is null ? null : "***",
                null);
}
