using CityActors.Domain.Cases;
using CityActors.Domain.City;

namespace CityActors.Domain.Emergencies;

/// <summary>
/// Which emergency profiles are switched on where, and the journal of every switch (who, why, when). Only a centre
/// leader of a centre switches that centre's area; a centre has at most one profile on at a time (switching to
/// another replaces it). At a place, the most local centre's profile applies: a street centre's over its district's
/// over the city's.
/// </summary>
public sealed class EmergencyBoard(CityModel city, IReadOnlyDictionary<string, EmergencyProfile> profiles)
{
    public const int MaxReasonLength = 1000;

    /// <summary>By centre code.</summary>
    public Dictionary<string, ActiveEmergency> Active { get; } = new(StringComparer.Ordinal);

    public List<EmergencySwitch> Journal { get; } = [];

    public IReadOnlyDictionary<string, EmergencyProfile> Profiles => profiles;

    /// <summary>Rebuilds the board from its journal (the grain's stored state).</summary>
    public static EmergencyBoard Replay(CityModel city, IReadOnlyDictionary<string, EmergencyProfile> profiles, IEnumerable<EmergencySwitch> journal)
    {
        var board = new EmergencyBoard(city, profiles);
        foreach (var entry in journal)
        {
            board.Apply(entry);
        }

        return board;
    }

    /// <exception cref="CaseCommandException">Refused: unknown centre or profile, not a leader of that centre, no reason, already on.</exception>
    public EmergencySwitch SwitchOn(Actor by, string centreCode, string profileCode, string reason, DateTimeOffset now)
    {
        var centre = CheckedCentre(by, centreCode, reason);
        if (!profiles.ContainsKey(profileCode ?? ""))
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"Emergency profile '{profileCode}' is not a profile of city {city.Id} (known: {string.Join(", ", profiles.Keys.Order(StringComparer.Ordinal))}).");
        }

        if (Active.TryGetValue(centre.Code, out var current) && current.Profile.Code == profileCode)
        {
            throw new CaseCommandException(CaseErrorKind.InvalidTransition, $"Centre {centre.Code} is already in emergency profile {profileCode} since {current.Since:yyyy-MM-dd HH:mm zzz}.");
        }

        return Record(new EmergencySwitch(Journal.Count + 1, centre.Code, centre.OrgUnitCode, profileCode, by, reason, now));
    }

    /// <exception cref="CaseCommandException">Refused: unknown centre, not a leader of that centre, no reason, not in emergency mode.</exception>
    public EmergencySwitch SwitchOff(Actor by, string centreCode, string reason, DateTimeOffset now)
    {
        var centre = CheckedCentre(by, centreCode, reason);
        if (!Active.ContainsKey(centre.Code))
        {
            throw new CaseCommandException(CaseErrorKind.InvalidTransition, $"Centre {centre.Code} is not in emergency mode.");
        }

        return Record(new EmergencySwitch(Journal.Count + 1, centre.Code, centre.OrgUnitCode, null, by, reason, now));
    }

    /// <summary>The profile in force at a unit: that of the most local centre over it that has one on; null when none has.</summary>
    public ActiveEmergency? At(string unitCode) => Covering(city, ByUnit(Active.Values), unitCode);

    /// <summary>Active modes by the code of the unit each covers, the index <see cref="Covering"/> reads.</summary>
    public static IReadOnlyDictionary<string, ActiveEmergency> ByUnit(IEnumerable<ActiveEmergency> active)
    {
        ArgumentNullException.ThrowIfNull(active);
        return active.ToDictionary(a => a.UnitCode, StringComparer.Ordinal);
    }

    /// <summary>Of the modes indexed by unit (<see cref="ByUnit"/>), the one in force at a unit (the most local centre's); null when none covers it.</summary>
    public static ActiveEmergency? Covering(CityModel city, IReadOnlyDictionary<string, ActiveEmergency> byUnit, string unitCode)
    {
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(byUnit);
        if (byUnit.Count == 0)
        {
            return null;
        }

        foreach (var unit in city.Lineage(unitCode))
        {
            if (byUnit.TryGetValue(unit.Code, out var found))
            {
                return found;
            }
        }

        return null;
    }

    private OperationsCentre CheckedCentre(Actor by, string centreCode, string reason)
    {
        ArgumentNullException.ThrowIfNull(by);
        var centre = city.Centres.FirstOrDefault(c => c.Code == centreCode)
            ?? throw new CaseCommandException(CaseErrorKind.NotFound, $"Operations centre '{centreCode}' is not a centre of city {city.Id}.");
        if (by.Role != Role.CentreLeader || by.Org != centre.OrgUnitCode)
        {
            throw new CaseCommandException(CaseErrorKind.Forbidden, $"{by} may not switch the emergency mode of centre {centre.Code}: that is for its centre leaders.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"An emergency switch needs a reason of 1–{MaxReasonLength} characters.");
        }

        return centre;
    }

    private EmergencySwitch Record(EmergencySwitch entry)
    {
        Apply(entry);
        return entry;
    }

    private void Apply(EmergencySwitch entry)
    {
        Journal.Add(entry);
        if (entry.ProfileCode is { } code && profiles.TryGetValue(code, out var profile))
        {
            Active[entry.CentreCode] = new ActiveEmergency(entry.CentreCode, entry.UnitCode, profile, entry.By, entry.Reason, entry.At);
        }
        else
        {
            // Switched off, or a profile the package no longer has: the area is back to normal.
            Active.Remove(entry.CentreCode);
        }
    }
}
