using CityActors.GrainInterfaces.City;

namespace CityActors.Grains.City;

/// <summary>Durable state shared by the org-level grains: the roster and the open-work counter.</summary>
public sealed class OrgRoster
{
    public List<StaffMember> Staff { get; set; } = [];

    public int OpenWork { get; set; }

    /// <summary>Adds or replaces by id; refuses roles the unit does not use and blank ids.</summary>
    public void Assign(StaffMember member, IReadOnlyCollection<string> allowedRoles, string unit)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (string.IsNullOrWhiteSpace(member.Id) || string.IsNullOrWhiteSpace(member.Name))
        {
            throw new ArgumentException($"Staff of {unit} need an id and a name.", nameof(member));
        }

        if (!allowedRoles.Contains(member.Role))
        {
            throw new ArgumentException($"Role '{member.Role}' does not exist at {unit}; use one of: {string.Join(", ", allowedRoles)}.", nameof(member));
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
