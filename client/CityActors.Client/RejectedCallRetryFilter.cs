namespace CityActors.Client;

/// <summary>
/// Sends a call again when a silo or gateway rejected it (<see cref="OrleansMessageRejectionException"/>: "silo
/// stopping" while a silo hands its work over, a gateway that could not reach a silo just declared dead). A rejected
/// request never reached its grain, so sending it again cannot apply it twice; after a short pause the cluster has
/// usually moved the grain or told this client of the gateway's shutdown. Other failures are the caller's to handle.
/// </summary>
internal sealed class RejectedCallRetryFilter(TimeProvider time) : IOutgoingGrainCallFilter
{
    private static readonly TimeSpan[] Pauses = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(900)];

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (OrleansMessageRejectionException) when (attempt < Pauses.Length)
            {
                await Task.Delay(Pauses[attempt], time);
            }
        }
    }
}
