using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.City;

namespace CityActors.Grains.City;

/// <summary>Durable state shared by the org-level grains: the roster and the open-work counter.</summary>
public sealed class OrgRoster
{
    public List<StaffMember> Staff { get; set; } = [];

    public int OpenWork { get; set; }

    /// <summary>Adds or replaces by id; refuses blank ids and names, and roles not held at <paramref name="post"/>.</summary>
    /// <param name="member">The person and their role.</param>
    /// <param name="post">What kind of unit this roster belongs to.</param>
    /// <param name="unit">The unit's code, for messages.</param>
    public void Assign(StaffMember member, StaffPost post, string unit)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (string.IsNullOrWhiteSpace(member.Id) || string.IsNullOrWhiteSpace(member.Name))
        {
            throw new ArgumentException($"Staff of {unit} need an id and a name.", nameof(member));
        }

        if (StaffRoles.Refusal(post, unit, member.Role) is { } refusal)
        {
            throw new ArgumentException(refusal, nameof(member));
        }

        Staff.RemoveAll(s => s.Id == member.Id);
        Staff.Add(member);
    }

    public bool Remove(string staffId) => Staff.RemoveAll(s => s.Id == staffId) > 0;

    public int Adjust(int delta, string unit)
    {
        if (OpenWork + delta < 0)
        {
            throw new InvalidOperationException($"Open work at {unit} is {OpenWork}; it cannot drop by {-delta}.");
        }

        return OpenWork += delta;
    }
}
