using System.Globalization;
using CityActors.Domain.Cases;

namespace CityActors.Cluster.Tests;

/// <summary>
/// The hotline lifecycle of a case in the NYC demo city the silo executable ships: report, verify, accept (automatic
/// dispatch to the district's NYPD office), sign for, report handled, inspect. Each step is one journal append.
/// </summary>
internal static class CaseScript
{
    public static readonly Actor Hotline = new("hotline", Role.ChannelSystem, "hotline");

    /// <summary>A city-level centre leader: may verify, accept, inspect and supervise any case of the city.</summary>
    public static readonly Actor CityLeader = new("leader-1", Role.CentreLeader, "nyc");

    public static string CaseId(string externalId) => Channels.CaseIdFor(Channel.Hotline, externalId);

    /// <summary>
    /// A noise report in midtown Manhattan. Points lie on a 20 × 20 grid about 70 m apart, more than the 50 m duplicate
    /// radius, so consecutive reports are not flagged as duplicates of each other.
    /// </summary>
    public static ReportCase Report(string externalId, int n)
    {
        var longitude = -73.993 + (n % 20 * 0.0008);
        var latitude = 40.750 + (n / 20 % 20 * 0.0008);
        return new ReportCase(Hotline, new CaseReport(
            Channel.Hotline, externalId, "NYC001", $"Noise report {n.ToString(CultureInfo.InvariantCulture)}",
            ReportedLocation.At(longitude, latitude), new Reporter(Phone: "212")));
    }

    /// <summary>The next command of the lifecycle for a case in <paramref name="status"/>; null when it is over.</summary>
    /// <param name="position">Where a report is placed on the grid (see <see cref="Report"/>).</param>
    public static CaseCommand? Next(string externalId, int position, CaseStatus status, string? lead) => status switch
    {
        CaseStatus.None => Report(externalId, position),
        CaseStatus.Reported => new VerifyCase(CityLeader, "seen on site"),
        CaseStatus.Verified => new AcceptCase(CityLeader),
        CaseStatus.Dispatched when lead is not null => new SignFor(new Actor("clerk-1", Role.DepartmentClerk, lead), lead),
        CaseStatus.Handling when lead is not null => new ReportHandled(new Actor("handler-1", Role.DepartmentHandler, lead), lead, "warned the neighbours"),
        CaseStatus.Handled => new InspectCase(CityLeader, Passed: true),
        _ => null,
    };
}
