using CityActors.Domain.City;
using CityActors.Domain.Emergencies;
using CityActors.GrainInterfaces.Emergencies;
using CityActors.Grains.Sensors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Emergencies;

/// <summary>
/// This silo's copy of the emergency modes in force, for the hot paths (every sensor reading, every intake) that must
/// not call the emergency grain each time. Read again from the grain when older than <see cref="SensorOptions.EmergencyRefresh"/>
/// (one read at a time per silo); a switch made on this silo is seen at once, one made on another silo within that
/// interval. When the emergency grain cannot answer within <see cref="ReadLimit"/> (its silo just died), the last copy
/// is used until the next interval: an intake or a reading is never held up long or failed by the emergency board.
/// </summary>
public sealed partial class EmergencyModes(CityModel city, IGrainFactory grains, TimeProvider time, IOptions<SensorOptions> options, ILogger<EmergencyModes> logger)
{
    public static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    // Indexed by unit when read, not per lookup: every sensor reading asks.
    private IReadOnlyDictionary<string, ActiveEmergency> _active = EmergencyBoard.ByUnit([]);
    private long _readAt = long.MinValue;

    /// <summary>The mode in force at <paramref name="unitCode"/>, or null.</summary>
    public async ValueTask<ActiveEmergency?> AtAsync(string unitCode)
    {
        if (city.EmergencyProfiles.Count == 0)
        {
            return null;
        }

        var active = IsFresh() ? _active : await RefreshAsync();
        return EmergencyBoard.Covering(city, active, unitCode);
    }

    /// <summary>What the emergency grain holds now (after a switch on this silo).</summary>
    public void Replace(IReadOnlyList<ActiveEmergency> active) => Keep(EmergencyBoard.ByUnit(active));

    private void Keep(IReadOnlyDictionary<string, ActiveEmergency> byUnit)
    {
        _active = byUnit;
        Volatile.Write(ref _readAt, time.GetTimestamp());
    }

    private bool IsFresh()
    {
        var readAt = Volatile.Read(ref _readAt);
        return readAt != long.MinValue && time.GetElapsedTime(readAt) < options.Value.EmergencyRefresh;
    }

    private async Task<IReadOnlyDictionary<string, ActiveEmergency>> RefreshAsync()
    {
        await _refresh.WaitAsync();
        try
        {
            if (!IsFresh())
            {
                try
                {
                    Replace(await grains.GetGrain<IEmergencyGrain>(0).GetActive().WaitAsync(ReadLimit, time));
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException)
                {
                    LogReadFailed(logger, ex, _active.Count);
                    Keep(_active);
                }
            }

            return _active;
        }
        finally
        {
            _refresh.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The emergency modes could not be read; the last copy ({Active} active) stays in use until the next refresh.")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, int active);
}
