namespace CityActors.PostgreSql;

/// <summary>One caller's operation waiting in a <see cref="GroupCommit{T}"/> batch, answered once its batch is done.</summary>
internal abstract class PendingOperation(CancellationToken cancellationToken)
{
    /// <summary>The caller's token: honoured until the operation joins a batch, ignored after (its outcome is then decided by the database).</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public abstract bool IsAnswered { get; }

    public abstract void Fail(Exception error);

    public abstract void Cancel();
}

/// <summary>A <see cref="PendingOperation"/> whose caller awaits a <typeparamref name="TResult"/>.</summary>
internal abstract class PendingOperation<TResult>(CancellationToken cancellationToken) : PendingOperation(cancellationToken)
{
    // Callers continue on the thread pool, never inline on the batch worker that answers them.
    private readonly TaskCompletionSource<TResult> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Answer => _answer.Task;

    public override bool IsAnswered => _answer.Task.IsCompleted;

    public void Succeed(TResult result) => _answer.TrySetResult(result);

    public override void Fail(Exception error) => _answer.TrySetException(error);

    public override void Cancel() => _answer.TrySetCanceled(CancellationToken);
}
