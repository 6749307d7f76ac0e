using Microsoft.Extensions.DependencyInjection;

namespace CityActors.PostgreSql.Tests.Clustering;

/// <summary>Awaits a silo's view of the cluster reaching a condition, driven by its membership updates rather than by polling.</summary>
internal static class MembershipWait
{
    public static async Task UntilAsync(TestSilo silo, Func<ClusterMembershipSnapshot, bool> condition, TimeSpan limit, string description)
    {
        var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
        if (condition(membership.CurrentSnapshot))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(timeout.Token))
            {
                if (condition(snapshot))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Reported below with what the silo saw last.
        }

        throw new TimeoutException($"Silo {silo.Name} did not see {description} within {limit.TotalSeconds} s; it sees {membership.CurrentSnapshot}.");
    }

    public static int ActiveCount(ClusterMembershipSnapshot snapshot) => snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
}
