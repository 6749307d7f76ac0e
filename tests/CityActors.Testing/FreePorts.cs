using System.Net;
using System.Net.Sockets;

namespace CityActors.Testing;

/// <summary>Loopback ports for silos, servers and HTTP hosts that tests and benchmarks start.</summary>
public static class FreePorts
{
    /// <summary>A loopback port free right now (the kernel's pick), for a process about to bind it.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
