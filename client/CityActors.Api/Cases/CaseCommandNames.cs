using CityActors.Domain.Cases;

namespace CityActors.Api.Cases;

/// <summary>
/// The lifecycle commands the REST API exposes at <c>POST /api/v1/cases/{id}/{command}</c>, by the name the domain's
/// JSON contract gives them. Intake has its own endpoint; clock ticks and reporter links are the cluster's own.
/// </summary>
public static class CaseCommandNames
{
    public static readonly IReadOnlySet<string> Public = new HashSet<string>(StringComparer.Ordinal)
    {
        "verify", "reject", "merge", "accept", "dispatch", "sign-for", "report-handled", "return",
        "request-extension", "decide-extension", "request-suspension", "decide-suspension", "resume",
        "inspect", "evaluate", "supervise", "reopen",
    };

    public static bool IsPublic(string name) => Public.Contains(name);
}
