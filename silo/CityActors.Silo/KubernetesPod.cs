namespace CityActors.Silo;

/// <summary>Whether this process runs in a Kubernetes pod set up as deploy/kubernetes/silo.yaml sets silos up.</summary>
internal static class KubernetesPod
{
    public static bool IsCurrent =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"))
        && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAME"))
        && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_IP"));
}
