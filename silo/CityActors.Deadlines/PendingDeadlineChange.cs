namespace CityActors.Deadlines;

/// <summary>One caller's set or cancel waiting for its batch; answered once the batch is durable (or failed).</summary>
internal sealed class PendingDeadlineChange(DeadlineChange change, CancellationToken cancellationToken)
{
    // Callers continue on the thread pool, never inline on the writer loop that answers them.
    private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DeadlineChange Change { get; } = change;

    /// <summary>The caller's token: honoured until the change joins a batch, ignored after (the table then decides).</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task Answer => _answer.Task;

    public void Succeed() => _answer.TrySetResult();

    public void Fail(Exception error) => _answer.TrySetException(error);

    public void Cancel() => _answer.TrySetCanceled(CancellationToken);
}
