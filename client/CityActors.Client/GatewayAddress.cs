using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CityActors.Client;

/// <summary>A gateway given as "host:port", resolved to addresses when the client starts.</summary>
internal static class GatewayAddress
{
    public static bool TryParse(string text, out (string Host, int Port) gateway)
    {
        gateway = default;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        gateway = (text[..colon], port);
        return true;
    }

    /// <summary>Every IPv4 endpoint of every gateway (a DNS name may stand for several pods).</summary>
    public static IPEndPoint[] Resolve(IEnumerable<string> gateways) =>
        [.. gateways.SelectMany(g =>
        {
            TryParse(g, out var gateway);
            return IPAddress.TryParse(gateway.Host, out var ip)
                ? [new IPEndPoint(ip, gateway.Port)]
                : Dns.GetHostAddresses(gateway.Host).Where(a => a.AddressFamily == AddressFamily.InterNetwork).Select(a => new IPEndPoint(a, gateway.Port));
        })];
}
