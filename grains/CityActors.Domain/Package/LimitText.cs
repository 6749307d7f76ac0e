using System.Globalization;
using CityActors.Domain.Calendar;

namespace CityActors.Domain.Package;

/// <summary>Reads limits written as "&lt;number&gt;&lt;m|h&gt; &lt;working|natural&gt;", e.g. "30m working", "2h natural", "1.5h working".</summary>
public static class LimitText
{
    public static bool TryParse(string? text, out TimeLimit limit)
    {
        limit = default;
        var parts = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: 2 } || parts[0].Length < 2)
        {
            return false;
        }

        var unit = parts[0][^1];
        if (!double.TryParse(parts[0][..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        TimeSpan? duration = unit switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            _ => null,
        };
        TimeMode? mode = parts[1] switch
        {
            "working" => TimeMode.Working,
            "natural" => TimeMode.Natural,
            _ => null,
        };
        if (duration is null || mode is null)
        {
            return false;
        }

        limit = new TimeLimit(duration.Value, mode.Value);
        return true;
    }
}
