namespace CityActors.Grains;

/// <summary>
/// A round of work a silo runs in the background every <c>interval</c> on the injected clock (so tests drive it with
/// fake time) from <see cref="Start"/> until <see cref="StopAsync"/>, which cancels the wait and lets a round in
/// progress finish. A failed round is reported to <c>failed</c> and the next one runs as planned.
/// </summary>
internal sealed class PeriodicSiloWork(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> round, Action<Exception> failed)
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stopping);
                await round(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failed(ex);
            }
        }
    }
}
