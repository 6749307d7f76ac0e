using System.Net;
using System.Net.Sockets;

namespace CityActors.LoadTests.Hosting;

/// <summary>Loopback ports nothing listens on, for the silo and gateway endpoints of in-process silos.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
