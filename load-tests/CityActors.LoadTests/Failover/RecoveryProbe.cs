using System.Diagnostics;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.LoadTests.Failover;

internal static class RecoveryProbe
{
    /// <summary>No attempt is waited for longer: a call caught by the kill may hang until the client's response timeout.</summary>
    private static readonly TimeSpan AttemptLimit = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Reads the case until a read succeeds (a case that was never reported answers "not found", which is an answer
    /// too) and returns the time on <paramref name="sinceKill"/> at that success. Failed attempts are retried after 20 ms.
    /// </summary>
    public static async Task<TimeSpan> FirstSuccessAsync(ICaseGrain grain, Stopwatch sinceKill)
    {
        while (true)
        {
            try
            {
                await grain.Get().WaitAsync(AttemptLimit).ConfigureAwait(false);
                return sinceKill.Elapsed;
            }
            catch (CaseCommandException ex) when (ex.Kind == CaseErrorKind.NotFound)
            {
                return sinceKill.Elapsed;
            }
            catch (Exception) when (sinceKill.Elapsed < GiveUp)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }
        }
    }
}
