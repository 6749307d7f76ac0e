namespace CityActors.Testing;

/// <summary>
/// Waits for a condition that depends on real time outside the test's control (database lease expiry, another
/// process, a message sent on after a call was answered): polls it every <c>20 ms</c> and fails after 30 s.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    /// <summary>Reads until the value satisfies <paramref name="condition"/> and returns it; fails after 30 s with the last value read.</summary>
    public static async Task<T> Value<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(condition);
        var limit = DateTime.UtcNow + Limit;
        var value = await read().ConfigureAwait(false);
        while (!condition(value))
        {
            if (DateTime.UtcNow > limit)
            {
                throw new TimeoutException($"Condition not met within {Limit.TotalSeconds} s; last value: {value}.");
            }

            await Task.Delay(20).ConfigureAwait(false);
            value = await read().ConfigureAwait(false);
        }

        return value;
    }

    public static async Task Until(Func<Task<bool>> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = DateTime.UtcNow + Limit;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > limit)
            {
                throw new TimeoutException($"Condition not met within {Limit.TotalSeconds} s.");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
