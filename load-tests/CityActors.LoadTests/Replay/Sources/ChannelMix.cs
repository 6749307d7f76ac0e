using System.Globalization;
using CityActors.Domain.Cases;

namespace CityActors.LoadTests.Replay.Sources;

/// <summary>
/// How 311 requests arrive, from the "Open Data Channel Type" counts of the 1M-request sample
/// (data/nyc/nyc311-1m-field-frequencies.csv): phone and unknown calls as the 12345 hotline, online as Open311,
/// mobile as the citizen app, other as the hotline.
/// </summary>
public sealed class ChannelMix
{
    private readonly (Channel Channel, double Cumulative)[] _cumulative;

    private ChannelMix((Channel, double)[] cumulative) => _cumulative = cumulative;

    public static Channel ChannelOf(string? nycChannelType) => nycChannelType?.Trim().ToUpperInvariant() switch
    {
        "ONLINE" => Channel.Open311,
        "MOBILE" => Channel.WebApp,
        _ => Channel.Hotline,
    };

    public static ChannelMix Load(string fieldFrequenciesCsv)
    {
        using var csv = NamedCsv.Open(fieldFrequenciesCsv);
        var counts = new Dictionary<Channel, double>();
        while (csv.Read())
        {
            if (csv.Get("field") == "Open Data Channel Type")
            {
                var channel = ChannelOf(csv.Get("value"));
                counts[channel] = counts.GetValueOrDefault(channel) + csv.GetNumber("count");
            }
        }

        if (counts.Count == 0)
        {
            throw new InvalidDataException($"{fieldFrequenciesCsv} has no 'Open Data Channel Type' rows.");
        }

        var total = counts.Values.Sum();
        var running = 0.0;
        return new ChannelMix([.. counts.OrderBy(c => c.Key).Select(c => (c.Key, running += c.Value / total))]);
    }

    public IReadOnlyDictionary<Channel, double> Shares =>
        _cumulative.Select((c, i) => (c.Channel, Share: c.Cumulative - (i == 0 ? 0 : _cumulative[i - 1].Cumulative))).ToDictionary(c => c.Channel, c => c.Share);

    public Channel Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u = random.NextDouble();
        return _cumulative.FirstOrDefault(c => u < c.Cumulative, _cumulative[^1]).Channel;
    }
}
