namespace CityActors.Testing;

/// <summary>
/// Waits for a condition that depends on real time outside the test's control (database lease expiry, another
/// process): polls it every <c>20 ms</c> and fails after 30 s.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

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
