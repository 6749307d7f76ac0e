namespace CityActors.Runtime.Hosting;

/// <summary>
/// Completing a caller's task runs its continuation inline. Clearing the activation's synchronization context first
/// keeps a caller that is not a grain from continuing as if it were running inside the callee's turn.
/// </summary>
internal readonly struct SynchronizationContextScope : IDisposable
{
    private readonly SynchronizationContext? _previous;

    private SynchronizationContextScope(SynchronizationContext? previous) => _previous = previous;

    public static SynchronizationContextScope Clear()
    {
        var previous = SynchronizationContext.Current;
        if (previous is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }

        return new SynchronizationContextScope(previous);
    }

    public void Dispose()
    {
        if (_previous is not null)
        {
            SynchronizationContext.SetSynchronizationContext(_previous);
        }
    }
}
