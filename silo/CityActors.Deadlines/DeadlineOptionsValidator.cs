using Microsoft.Extensions.Options;

namespace CityActors.Deadlines;

/// <summary>Refuses settings under which a deadline could be due before its shard has read it.</summary>
internal sealed class DeadlineOptionsValidator : IValidateOptions<DeadlineOptions>
{
    public ValidateOptionsResult Validate(string? name, DeadlineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ShardCount <= 0)
        {
            failures.Add($"{nameof(DeadlineOptions.ShardCount)} must be positive.");
        }

        if (options.RefreshInterval <= TimeSpan.Zero || options.RefreshInterval >= options.LookAhead)
        {
            failures.Add($"{nameof(DeadlineOptions.RefreshInterval)} must be positive and shorter than {nameof(DeadlineOptions.LookAhead)}, or a deadline could come due before its shard read it.");
        }

        if (options.ClockSkewAllowance < TimeSpan.Zero)
        {
            failures.Add($"{nameof(DeadlineOptions.ClockSkewAllowance)} must not be negative.");
        }

        if (options.MaxDeliveriesInFlight <= 0 || options.MaxWriteBatch <= 0 || options.MaxNotifyAttempts <= 0 || options.ConcurrentWriteBatches <= 0)
        {
            failures.Add($"{nameof(DeadlineOptions.MaxDeliveriesInFlight)}, {nameof(DeadlineOptions.MaxWriteBatch)}, {nameof(DeadlineOptions.ConcurrentWriteBatches)} and {nameof(DeadlineOptions.MaxNotifyAttempts)} must be positive.");
        }

        if (options.WarmAhead < TimeSpan.Zero || options.WarmAhead > options.LookAhead)
        {
            failures.Add($"{nameof(DeadlineOptions.WarmAhead)} must be between zero and {nameof(DeadlineOptions.LookAhead)}: a shard knows only the deadlines within its window.");
        }

        if (options.MaxWarmingsInFlight <= 0)
        {
            failures.Add($"{nameof(DeadlineOptions.MaxWarmingsInFlight)} must be positive.");
        }

        if (options.MinRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.MinRetryDelay)
        {
            failures.Add($"{nameof(DeadlineOptions.MinRetryDelay)} must be positive and at most {nameof(DeadlineOptions.MaxRetryDelay)}.");
        }

        if (options.KeepAlivePeriod <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(DeadlineOptions.KeepAlivePeriod)} must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
