using CityActors.Runtime.Activations;
using CityActors.Runtime.Reminders;
using CityActors.Runtime.Streams;
using CityActors.Runtime.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors;

/// <summary>
/// Base class of grain implementations. The runtime constructs grains (with dependency injection and
/// [PersistentState] parameters), calls <see cref="OnActivateAsync"/> before the first call and
/// <see cref="OnDeactivateAsync"/> when the activation ends, and runs one call at a time.
/// Grain code must not use ConfigureAwait(false): it would leave the grain's single-threaded turn.
/// </summary>
public abstract class Grain : IAddressable
{
    [ThreadStatic]
    private static Activation? t_constructing;

    private readonly Activation _activation;

    protected Grain()
    {
        _activation = t_constructing ?? throw new InvalidOperationException(
            $"{GetType().Name} is a grain and is created by the runtime; obtain a reference with IGrainFactory.GetGrain.");
    }

    public GrainId GrainId => _activation.GrainId;

    internal Activation Activation => _activation;

    protected IGrainFactory GrainFactory => _activation.Catalog.Services.GetRequiredService<IGrainFactory>();

    protected IServiceProvider ServiceProvider => _activation.Catalog.Services;

    /// <summary>The silo's clock; use it instead of DateTime.UtcNow so tests can drive time.</summary>
    protected TimeProvider TimeProvider => _activation.Catalog.Time;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runtime-internal activation step that runs before <see cref="OnActivateAsync"/> (journal replay).</summary>
    internal virtual Task OnActivatingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static Grain Construct(Activation activation, Func<Grain> factory)
    {
        var previous = t_constructing;
        t_constructing = activation;
        try
        {
            return factory();
        }
        finally
        {
            t_constructing = previous;
        }
    }

    /// <summary>Deactivate after the current call; calls still waiting are served by a new activation.</summary>
    protected void DeactivateOnIdle()
    {
        EnsureOnTurn();
        _activation.DeactivateOnIdle();
    }

    /// <summary>Keep this activation alive, even when idle, for at least <paramref name="duration"/>.</summary>
    protected void DelayDeactivation(TimeSpan duration)
    {
        EnsureOnTurn();
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        _activation.DelayDeactivation(duration);
    }

    /// <summary>
    /// A timer whose ticks run as turns of this grain (not interleaved with calls unless <see cref="GrainTimerCreationOptions.Interleave"/>).
    /// The next tick is scheduled <see cref="GrainTimerCreationOptions.Period"/> after the previous callback finished.
    /// Timers are not durable: they end with the activation. Use reminders for anything that must survive.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        EnsureOnTurn();
        var timer = new GrainTimer(_activation, (s, ct) => callback((TState)s!, ct), state, options);
        _activation.AddTimer(timer);
        return timer;
    }

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return RegisterGrainTimer(static (cb, ct) => cb(ct), callback, new GrainTimerCreationOptions(dueTime, period));
    }

    /// <summary>
    /// Registers or replaces a durable reminder, delivered through <see cref="IRemindable.ReceiveReminder"/> even if
    /// this activation is gone. <paramref name="period"/> of <see cref="TimeSpan.Zero"/> means fire once.
    /// </summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        EnsureOnTurn();
        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"{GetType().Name} must implement IRemindable to register reminders.");
        }

        return Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period, _activation.Fence);
    }

    /// <summary>
    /// Like <see cref="RegisterOrUpdateReminder(string, TimeSpan, TimeSpan)"/>, first due at an absolute instant (for
    /// deadlines): an instant already past fires at once, and the tick reports it as due then, with its lateness.
    /// </summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, DateTimeOffset dueAt, TimeSpan period)
    {
        EnsureOnTurn();
        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"{GetType().Name} must implement IRemindable to register reminders.");
        }

        return Reminders.RegisterOrUpdateAtAsync(GrainId, reminderName, dueAt, period, _activation.Fence);
    }

    protected Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        EnsureOnTurn();
        return Reminders.UnregisterAsync(GrainId, reminder.ReminderName, _activation.Fence);
    }

    protected Task<IGrainReminder?> GetReminder(string reminderName) => Reminders.GetAsync(GrainId, reminderName);

    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => Reminders.ListAsync(GrainId);

    /// <summary>A named stream provider; subscriptions made on this grain's turn are delivered as turns and end with the activation.</summary>
    protected IStreamProvider GetStreamProvider(string name) =>
        _activation.Catalog.Services.GetKeyedService<IStreamProvider>(name)
        ?? throw new InvalidOperationException($"No stream provider named '{name}' is registered; call AddMemoryStreams(\"{name}\").");

    private ReminderService Reminders => _activation.Catalog.Services.GetRequiredService<ReminderService>();

    private void EnsureOnTurn()
    {
        if (!ReferenceEquals(SynchronizationContext.Current, _activation))
        {
            throw new InvalidOperationException(
                $"Grain {GrainId} used a runtime API outside its turn. Do not use ConfigureAwait(false) or Task.Run in grain code.");
        }
    }
}
