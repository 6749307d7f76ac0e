using System.Net;
using System.Net.Sockets;

namespace CityActors.Cluster.Tests;

internal static class Ports
{
    /// <summary>A loopback port free right now (the kernel's pick), for a process about to bind it.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
