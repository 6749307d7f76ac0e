using CityActors.Runtime.Invocation;
using CityActors.Runtime.Activations;

namespace CityActors.Runtime.Timers;

/// <summary>Each tick becomes a request queued on the activation, so callbacks obey the grain's turn rules.</summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly Activation _activation;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _cancellation = new();
    private TimeSpan _period;
    private volatile bool _disposed;

    public GrainTimer(Activation activation, Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        Validate(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _state = state;
        Interleave = options.Interleave;
        KeepAlive = options.KeepAlive;
        _period = options.Period;
        _timer = activation.Catalog.Time.CreateTimer(static s => ((GrainTimer)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(options.DueTime, Timeout.InfiniteTimeSpan);
    }

    public bool Interleave { get; }

    public bool KeepAlive { get; }

    public bool IsDisposed => _disposed;

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _period = period;
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _timer.Dispose();
        _cancellation.Cancel();
        _cancellation.Dispose();
        _activation.RemoveTimer(this);
    }

    internal Task InvokeCallback() => _callback(_state, _cancellation.Token);

    /// <summary>Re-arms one period after the callback finished, so slow callbacks never overlap.</summary>
    internal void OnTickCompleted(Exception? failure)
    {
        if (failure is not null)
        {
            _activation.Catalog.Log.TimerFailed(failure, _activation.GrainId);
        }

        if (!_disposed && _period != Timeout.InfiniteTimeSpan)
        {
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "Due time must be zero or positive, or Timeout.InfiniteTimeSpan.");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "Period must be positive, or Timeout.InfiniteTimeSpan for a one-shot timer.");
        }
    }

    private void OnDue()
    {
        if (!_disposed && !_activation.TryEnqueueRequest(new TimerTickRequest(this)))
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private sealed class TimerTickRequest(GrainTimer timer) : GrainRequest<Unit>
    {
        public override string InterfaceName => "timer";

        public override string MethodName => "tick";

        public override GrainMethodFlags Flags => timer.Interleave ? GrainMethodFlags.AlwaysInterleave : GrainMethodFlags.None;

        internal override bool CountsAsActivity => timer.KeepAlive;

        internal override void OnRetired(Activation activation)
        {
            base.OnRetired(activation);
            timer.OnTickCompleted(ResultTask.Exception?.InnerException);
        }

        protected override ValueTask<Unit> InvokeCore(object grain) =>
            timer.IsDisposed ? default : FromTask(timer.InvokeCallback());
    }
}
