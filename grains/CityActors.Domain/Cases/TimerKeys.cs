namespace CityActors.Domain.Cases;

/// <summary>The names of a case's clocks; a department's sub-task and a supervision order each have their own.</summary>
public static class TimerKeys
{
    public const string Verify = "verify";
    public const string Dispatch = "dispatch";
    public const string Inspect = "inspect";

    private const string SignForPrefix = "signfor:";
    private const string HandlePrefix = "handle:";
    private const string SupervisionPrefix = "supervision:";

    public static string SignFor(string department) => SignForPrefix + department;

    public static string Handle(string department) => HandlePrefix + department;

    public static string Supervision(int supervisionId) => SupervisionPrefix + supervisionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the clock times a department's sub-task (sign-for or handling).</summary>
    public static bool IsSubTask(string key) =>
        key.StartsWith(SignForPrefix, StringComparison.Ordinal) || key.StartsWith(HandlePrefix, StringComparison.Ordinal);

    public static bool IsSupervision(string key) => key.StartsWith(SupervisionPrefix, StringComparison.Ordinal);
}
