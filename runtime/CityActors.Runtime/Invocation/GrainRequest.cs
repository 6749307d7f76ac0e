using System.ComponentModel;
using CityActors.Runtime.Activations;
using CityActors.Runtime.Hosting;

namespace CityActors.Runtime.Invocation;

/// <summary>
/// One call to one grain method: its arguments (in generated subclasses), its deadline, and the completion the caller
/// awaits. Completion happens exactly once, by the grain's result, its exception, the deadline or the caller's
/// cancellation, whichever comes first.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest
{
    private int _completed;
    private CancellationTokenSource? _callCancellation;
    private CancellationTokenRegistration _callerRegistration;

    /// <summary>The interface that declares the method, for errors and telemetry.</summary>
    public abstract string InterfaceName { get; }

    public abstract string MethodName { get; }

    public virtual GrainMethodFlags Flags => GrainMethodFlags.None;

    /// <summary>Names the method on the wire: declaring interface, method name and parameter types.</summary>
    public virtual string MethodId => $"{InterfaceName}.{MethodName}";

    /// <summary>Writes the arguments as a JSON array (generated for every grain method).</summary>
    public virtual void WriteArguments(System.Text.Json.Utf8JsonWriter writer, System.Text.Json.JsonSerializerOptions options) =>
        throw new NotSupportedException($"{MethodId} is runtime-internal and never leaves its process.");

    /// <summary>A per-method deadline from [ResponseTimeout], overriding the silo default.</summary>
    public virtual TimeSpan? Timeout => null;

    internal GrainId Target { get; private set; }

    internal long DeadlineTimestamp { get; private set; } = long.MaxValue;

    /// <summary>When the request was stamped (sent by a local caller or received from the wire).</summary>
    internal long StartTimestamp { get; private set; }

    internal TimeSpan EffectiveTimeout { get; private set; }

    internal CancellationToken CallerToken { get; private set; }

    internal bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>The request arrived over the network: a shard this silo does not serve is answered "not owner", not rerouted.</summary>
    internal bool IsRemote { get; set; }

    /// <summary>Set when a remote caller cancelled; the activation then cancels the grain's token on its next deadline check.</summary>
    internal bool CancelRequested { get; private set; }

    /// <summary>How many times the clustered router had to route this call again (not owner, no owner, unreachable).</summary>
    internal int RouteAttempts { get; set; }

    /// <summary>W3C traceparent of the calling span, when the call crossed a process boundary.</summary>
    internal string? TraceParent { get; set; }

    /// <summary>Completes with the caller-visible outcome (success, exception, timeout or cancellation).</summary>
    internal abstract Task CompletionTask { get; }

    /// <summary>Whether finishing this request resets the activation's idle clock (timer ticks may opt out).</summary>
    internal virtual bool CountsAsActivity => true;

    internal bool IsReadOnly => (Flags & GrainMethodFlags.ReadOnly) != 0;

    internal bool IsAlwaysInterleave => (Flags & GrainMethodFlags.AlwaysInterleave) != 0;

    /// <summary>
    /// The token handed to grain methods that declare a CancellationToken: cancelled when the caller cancels or the
    /// deadline passes. Created only for such methods, on the activation's turn.
    /// </summary>
    protected CancellationToken CallToken
    {
        get
        {
            if (_callCancellation is null)
            {
                _callCancellation = CallerToken.CanBeCanceled
                    ? CancellationTokenSource.CreateLinkedTokenSource(CallerToken)
                    : new CancellationTokenSource();
                if (IsCompleted)
                {
                    _callCancellation.Cancel();
                }
            }

            return _callCancellation.Token;
        }
    }

    /// <summary>Stamps the target and deadline and hooks the caller's token. Called once, before the request is queued.</summary>
    internal void Prepare(GrainId target, long now, TimeSpan timeout, long deadlineTicks, CancellationToken callerToken)
    {
        Target = target;
        StartTimestamp = now;
        EffectiveTimeout = timeout;
        DeadlineTimestamp = deadlineTicks > long.MaxValue - now ? long.MaxValue : now + deadlineTicks;
        CallerToken = callerToken;
        if (callerToken.CanBeCanceled)
        {
            _callerRegistration = callerToken.UnsafeRegister(static s => ((GrainRequest)s!).OnCallerCancelled(), this);
        }
    }

    /// <summary>Runs the method on <paramref name="grain"/>; true when it finished synchronously.</summary>
    internal abstract bool Start(Activation activation, object grain);

    internal abstract bool TryFail(Exception exception);

    internal void ExpireDeadline(bool running)
    {
        var where = running ? "while the grain was executing it" : "while it waited for the grain to become free";
        ExpireDeadline(where);
        _callCancellation?.Cancel();
    }

    internal void ExpireDeadline(string where) =>
        TryFail(new GrainCallTimeoutException($"Call {InterfaceName}.{MethodName} to grain {Target} timed out after {EffectiveTimeout} ({where})."));

    /// <summary>A remote caller cancelled: fail the call now; the grain's token is cancelled on the activation's loop.</summary>
    internal void CancelFromRemote()
    {
        CancelRequested = true;
        OnCallerCancelled();
        PendingActivation?.ScheduleDeadlineCheck();
    }

    /// <summary>On the activation's loop, after <see cref="CancelFromRemote"/>.</summary>
    internal void CancelCallToken() => _callCancellation?.Cancel();

    /// <summary>The activation running this request while its invocation is pending (for remote cancellation).</summary>
    private protected virtual Activation? PendingActivation => null;

    /// <summary>Writes the successful result as JSON (after <see cref="CompletionTask"/> succeeded).</summary>
    internal abstract void WriteResult(System.Buffers.IBufferWriter<byte> output, System.Text.Json.JsonSerializerOptions options);

    /// <summary>Completes the caller with a result that came back over the wire.</summary>
    internal abstract void CompleteFromWire(ReadOnlySpan<byte> json, System.Text.Json.JsonSerializerOptions options);

    /// <summary>Called by the activation when the request leaves it, whatever the outcome.</summary>
    internal virtual void OnRetired(Activation activation)
    {
        _callCancellation?.Dispose();
        _callCancellation = null;
    }

    /// <summary>Claims the single completion; the winner must complete the caller's task.</summary>
    private protected bool TryClaimCompletion()
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        _callerRegistration.Unregister();
        return true;
    }

    private void OnCallerCancelled() =>
        TryFail(new OperationCanceledException($"Call {InterfaceName}.{MethodName} to grain {Target} was cancelled by the caller.", CallerToken));
}

/// <summary>A request whose method produces <typeparamref name="TResult"/> (<see cref="Unit"/> for methods without a value).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest<TResult> : GrainRequest
{
    // A builder instead of a TaskCompletionSource: one allocation (the Task) instead of two.
    private System.Runtime.CompilerServices.AsyncTaskMethodBuilder<TResult> _completion;
    private System.Runtime.CompilerServices.ValueTaskAwaiter<TResult> _pending;
    private Activation? _activation;
    private TResult? _result;
    private Exception? _error;

    /// <summary>The caller's task. Must be read before the request is handed to another thread.</summary>
    internal Task<TResult> ResultTask => _completion.Task;

    internal override Task CompletionTask => _completion.Task;

    private protected override Activation? PendingActivation => Volatile.Read(ref _activation);

    internal override void WriteResult(System.Buffers.IBufferWriter<byte> output, System.Text.Json.JsonSerializerOptions options)
    {
        if (typeof(TResult) == typeof(Unit))
        {
            return;
        }

        using var writer = new System.Text.Json.Utf8JsonWriter(output);
        System.Text.Json.JsonSerializer.Serialize(writer, _completion.Task.Result, options);
    }

    internal override void CompleteFromWire(ReadOnlySpan<byte> json, System.Text.Json.JsonSerializerOptions options)
    {
        TResult result;
        try
        {
            result = typeof(TResult) == typeof(Unit) ? default! : System.Text.Json.JsonSerializer.Deserialize<TResult>(json, options)!;
        }
        catch (System.Text.Json.JsonException ex)
        {
            TryFail(new InvalidOperationException($"The result of {InterfaceName}.{MethodName} from grain {Target} cannot be read as {typeof(TResult).Name}: {ex.Message}", ex));
            return;
        }

        TrySucceed(result);
    }

    internal override bool Start(Activation activation, object grain)
    {
        ValueTask<TResult> invocation;
        try
        {
            invocation = InvokeCore(grain);
        }
        catch (Exception exception)
        {
            _error = exception;
            return true;
        }

        if (invocation.IsCompleted)
        {
            Capture(invocation);
            return true;
        }

        // The continuation is posted to the activation's synchronization context (captured here, on its turn),
        // so the request retires inside the activation's single-threaded loop.
        _activation = activation;
        _pending = invocation.GetAwaiter();
        _pending.UnsafeOnCompleted(OnInvocationCompleted);
        return false;
    }

    /// <summary>
    /// Hands the outcome to the caller. The activation calls this only after it has retired the request, because
    /// the caller's continuation may run inline right here and must see the grain idle, not mid-turn.
    /// </summary>
    internal override void OnRetired(Activation activation)
    {
        base.OnRetired(activation);
        if (_error is not null)
        {
            TryFail(_error);
            _error = null;
        }
        else
        {
            TrySucceed(_result!);
            _result = default;
        }
    }

    internal bool TrySucceed(TResult result)
    {
        if (!TryClaimCompletion())
        {
            return false;
        }

        using (SynchronizationContextScope.Clear())
        {
            _completion.SetResult(result);
        }

        return true;
    }

    internal override bool TryFail(Exception exception)
    {
        if (!TryClaimCompletion())
        {
            return false;
        }

        using (SynchronizationContextScope.Clear())
        {
            _completion.SetException(exception);
        }

        return true;
    }

    protected abstract ValueTask<TResult> InvokeCore(object grain);

    protected static ValueTask<Unit> FromTask(Task task) =>
        task.IsCompletedSuccessfully ? default : AwaitTask(task);

    protected static ValueTask<Unit> FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : AwaitValueTask(task);

    private static async ValueTask<Unit> AwaitTask(Task task)
    {
        await task.ConfigureAwait(false);
        return default;
    }

    private static async ValueTask<Unit> AwaitValueTask(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return default;
    }

    private void Capture(ValueTask<TResult> invocation)
    {
        try
        {
            _result = invocation.Result;
        }
        catch (Exception exception)
        {
            _error = exception;
        }
    }

    private void OnInvocationCompleted()
    {
        try
        {
            _result = _pending.GetResult();
        }
        catch (Exception exception)
        {
            _error = exception;
        }

        _pending = default;
        var activation = _activation!;
        _activation = null;
        activation.OnRequestFinished(this);
    }
}
