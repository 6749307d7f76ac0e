using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.GrainInterfaces.City;

namespace CityActors.Grains.City;

/// <summary>
/// The behaviour the org-level grains share: identity from the loaded <see cref="CityModel"/> (checked on activation,
/// so a key that names nothing in the city fails with a clear error), and a durable roster and open-work counter.
/// </summary>
public abstract class OrgGrainBase(CityModel city, IPersistentState<OrgRoster> roster) : Grain, IOrgGrain
{
    private OrgInfo? _info;

    protected CityModel City { get; } = city;

    /// <summary>What kind of unit this is, which decides the roles its roster takes (<see cref="StaffRoles.At"/>).</summary>
    protected abstract StaffPost Post { get; }

    private OrgInfo Info => _info ?? throw new InvalidOperationException("The grain is not activated.");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _info = Describe(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<OrgInfo> GetInfo() => Task.FromResult(Info);

    public Task<IReadOnlyList<StaffMember>> GetStaff() => Task.FromResult<IReadOnlyList<StaffMember>>([.. roster.State.Staff]);

    public async Task AssignStaff(StaffMember member)
    {
        roster.State.Assign(member, Post, Info.Code);
        await roster.WriteStateAsync();
    }

    public async Task RemoveStaff(string staffId)
    {
        if (roster.State.Remove(staffId))
        {
            await roster.WriteStateAsync();
        }
    }

    public Task<int> GetOpenWork() => Task.FromResult(roster.State.OpenWork);

    public async Task<int> AdjustOpenWork(int delta)
    {
        var open = roster.State.Adjust(delta, Info.Code);
        await roster.WriteStateAsync();
        return open;
    }

    /// <summary>Looks the key up in the city model; throws <see cref="KeyNotFoundException"/> naming the key when it is not there.</summary>
    protected abstract OrgInfo Describe(string key);

    protected OrgInfo DescribeUnit(string code, OrgLevel level, string kind)
    {
        var unit = City.FindUnit(code);
        if (unit is null || unit.Level != level)
        {
            throw new KeyNotFoundException($"City {City.Id} has no {kind} '{code}'.");
        }

        return new OrgInfo(unit.Code, unit.Name, unit.Level.ToString().ToLowerInvariant(), unit.Code, [.. City.Lineage(unit.Code).Skip(1).Select(u => u.Code)]);
    }
}
