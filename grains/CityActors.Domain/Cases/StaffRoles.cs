using System.Collections.Frozen;

namespace CityActors.Domain.Cases;

/// <summary>
/// Which <see cref="StaffPost"/> each <see cref="Role"/> is held at: the one table that the org grains' rosters and the
/// case rules (<see cref="CaseAccess"/>) both read, so a rostered person holds exactly a role the case rules know.
/// Citizens, intake systems and the runtime hold no post.
/// </summary>
public static class StaffRoles
{
    private static readonly FrozenDictionary<Role, StaffPost> Posts = new Dictionary<Role, StaffPost>
    {
        [Role.GridInspector] = StaffPost.GridCell,
        [Role.CommunityWorker] = StaffPost.Community,
        [Role.CentreOperator] = StaffPost.OperationsCentre,
        [Role.CentreLeader] = StaffPost.OperationsCentre,
        [Role.DepartmentClerk] = StaffPost.Department,
        [Role.DepartmentHandler] = StaffPost.Department,
    }.ToFrozenDictionary();

    /// <summary>Where <paramref name="role"/> is held; null for roles that no org unit rosters.</summary>
    public static StaffPost? PostOf(Role role) => Posts.TryGetValue(role, out var post) ? post : null;

    /// <summary>The roles held at <paramref name="post"/>, in the order of <see cref="Role"/>.</summary>
    public static IReadOnlyList<Role> At(StaffPost post) => [.. Posts.Where(p => p.Value == post).Select(p => p.Key).Order()];

    /// <summary>
    /// Why <paramref name="role"/> cannot be held at <paramref name="unit"/>, a unit of kind <paramref name="post"/>,
    /// naming the roles that can; null when it can.
    /// </summary>
    public static string? Refusal(StaffPost post, string unit, Role role)
    {
        var held = PostOf(role);
        if (held == post)
        {
            return null;
        }

        var here = $"staff of {Name(post)} {unit} hold {string.Join(" or ", At(post))}";
        return !Enum.IsDefined(role) ? $"Role {(int)role} is not a known role; {here}."
            : held is not { } elsewhere ? $"Role {role} is not held at any org unit; {here}."
            : $"Role {role} is held at {Name(elsewhere, plural: true)}, not at {Name(post)} {unit}; {here}.";
    }

    private static string Name(StaffPost post, bool plural = false) => post switch
    {
        StaffPost.GridCell => plural ? "grid cells" : "grid cell",
        StaffPost.Community => plural ? "communities" : "community",
        StaffPost.OperationsCentre => plural ? "operations centres" : "operations centre",
        StaffPost.Department => plural ? "departments" : "department",
        _ => throw new ArgumentOutOfRangeException(nameof(post), post, "Unknown staff post."),
    };
}
