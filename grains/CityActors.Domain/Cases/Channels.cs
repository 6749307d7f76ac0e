namespace CityActors.Domain.Cases;

/// <summary>Case ids from channels: each channel's prefix and the external ids it may use.</summary>
public static class Channels
{
    /// <summary>The short, stable prefix of case ids from this channel.</summary>
    public static string Prefix(this Channel channel) => channel switch
    {
        Channel.Hotline => "hl",
        Channel.WebApp => "app",
        Channel.Open311 => "o311",
        Channel.GridInspector => "gi",
        Channel.Sensor => "iot",
        Channel.VideoAi => "vai",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    /// <summary>
    /// The case id for a channel's external id, so the same report arriving twice reaches the same case. External ids are
    /// 1–64 characters of letters, digits, '-', '_' and '.'.
    /// </summary>
    public static string CaseIdFor(Channel channel, string externalId)
    {
        if (!IsValidExternalId(externalId))
        {
            throw new CaseCommandException(
                CaseErrorKind.Invalid,
                $"External id '{externalId}' of channel {channel} is not valid: use 1–64 letters, digits, '-', '_' or '.'.");
        }

        return $"{channel.Prefix()}-{externalId}";
    }

    public static bool IsValidExternalId(string? externalId) =>
        !string.IsNullOrEmpty(externalId) && externalId.Length <= 64 && externalId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
