using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Emergencies;
using CityActors.GrainInterfaces.Emergencies;

namespace CityActors.Grains.Emergencies;

/// <summary>
/// The city's emergency board: the journal of switches is its stored state (written before a switch is answered), and
/// the board is replayed from it on activation. A switch also refreshes this silo's <see cref="EmergencyModes"/> at once.
/// </summary>
public sealed class EmergencyGrain(
    CityModel city,
    EmergencyModes modes,
    [PersistentState("emergency")] IPersistentState<EmergencyJournal> journal,
    TimeProvider time) : Grain, IEmergencyGrain
{
    private EmergencyBoard? _board;

    private EmergencyBoard Board => _board ??= EmergencyBoard.Replay(city, city.EmergencyProfiles, journal.State.Switches);

    public Task<EmergencySwitch> SwitchOn(Actor by, string centreCode, string profileCode, string reason) =>
        RecordAsync(() => Board.SwitchOn(by, centreCode, profileCode, reason, Now()));

    public Task<EmergencySwitch> SwitchOff(Actor by, string centreCode, string reason) =>
        RecordAsync(() => Board.SwitchOff(by, centreCode, reason, Now()));

    public Task<IReadOnlyList<ActiveEmergency>> GetActive() => Task.FromResult<IReadOnlyList<ActiveEmergency>>([.. Board.Active.Values]);

    public Task<IReadOnlyList<EmergencySwitch>> GetJournal() => Task.FromResult<IReadOnlyList<EmergencySwitch>>([.. Board.Journal]);

    private async Task<EmergencySwitch> RecordAsync(Func<EmergencySwitch> decide)
    {
        var entry = decide();
        journal.State.Switches.Add(entry);
        try
        {
            await journal.WriteStateAsync();
        }
        catch
        {
            // Not stored: the board must not show a switch the journal lacks, so it is rebuilt from what is stored.
            journal.State.Switches.Remove(entry);
            _board = null;
            throw;
        }

        modes.Replace([.. Board.Active.Values]);
        return entry;
    }

    private DateTimeOffset Now() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), city.Calendar.Zone);
}

/// <summary>The emergency grain's stored state: every switch, in order.</summary>
public sealed class EmergencyJournal
{
    public List<EmergencySwitch> Switches { get; set; } = [];
}
