using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace CityActors.Silo.Hosting;

internal static class Endpoints
{
    /// <summary>The first up, non-loopback IPv4 address of this host (a pod's address in Kubernetes), else loopback.</summary>
    public static IPAddress FirstIPv4() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
        ?? IPAddress.Loopback;
}
