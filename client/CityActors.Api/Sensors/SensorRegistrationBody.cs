using System.Text.Json;
using System.Text.Json.Nodes;
using CityActors.Domain.Sensors;

namespace CityActors.Api.Sensors;

/// <summary>
/// Reads a sensor registration from its JSON object field by field, so that every unreadable field is named at once
/// (a wrong type in one field does not hide a missing one elsewhere). What the city decides (the point inside the
/// city, the department, the rules' matters) is the sensor grain's to check.
/// </summary>
internal static class SensorRegistrationBody
{
    private static readonly string KindNames = string.Join(", ", SensorKinds.All.Select(k => k.Indicator()));

    /// <summary>The registration, or null with <paramref name="errors"/> naming every problem.</summary>
    public static SensorRegistration? Read(JsonNode? node, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (node is not JsonObject body)
        {
            errors.Add("A sensor registration is a JSON object.");
            return null;
        }

        var before = errors.Count;
        var id = Text(body, "id", required: true, errors);
        if (id is not null && !SensorRegistrar.IsValidId(id))
        {
            errors.Add($"id '{id}' is not a sensor id: use 1–{SensorRegistrar.MaxIdLength} letters, digits, '-' or '_'.");
        }

        var kind = Kind(body, errors);
        var longitude = Value<double>(body, "longitude", "a number", required: true, errors);
        var latitude = Value<double>(body, "latitude", "a number", required: true, errors);
        var department = Text(body, "department", required: false, errors);
        var interval = Value<TimeSpan>(body, "reportingInterval", "a duration such as \"00:05:00\"", required: false, errors);
        var rules = Rules(body, errors);
        var name = Text(body, "name", required: false, errors);
        return errors.Count > before
            ? null
            : new SensorRegistration(id!, kind!.Value, longitude!.Value, latitude!.Value, department, interval, rules, name);
    }

    private static string? Text(JsonObject body, string field, bool required, List<string> errors)
    {
        switch (body[field])
        {
            case null when required:
                errors.Add($"{field} is required.");
                return null;
            case null:
                return null;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return text;
            default:
                errors.Add($"{field} must be a string.");
                return null;
        }
    }

    private static SensorKind? Kind(JsonObject body, List<string> errors)
    {
        var node = body["kind"];
        if (node is null)
        {
            errors.Add($"kind is required (one of {KindNames}).");
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text) && SensorKinds.Parse(text) is { } kind)
        {
            return kind;
        }

        errors.Add($"kind {node.ToJsonString()} is not a sensor kind (one of {KindNames}).");
        return null;
    }

    /// <summary>A field read with the API's JSON rules (numbers also from strings, durations as "d.hh:mm:ss").</summary>
    private static T? Value<T>(JsonObject body, string field, string expected, bool required, List<string> errors)
        where T : struct
    {
        var node = body[field];
        if (node is null)
        {
            if (required)
            {
                errors.Add($"{field} is required ({expected}).");
            }

            return null;
        }

        try
        {
            return node.Deserialize<T>(ApiJson.Options);
        }
        catch (JsonException)
        {
            errors.Add($"{field} must be {expected}; got {node.ToJsonString()}.");
            return null;
        }
    }

    private static List<SensorRule>? Rules(JsonObject body, List<string> errors)
    {
        var node = body["rules"];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            errors.Add("rules must be a list of rules, each with \"$rule\": threshold, rate-of-change or offline.");
            return null;
        }

        var rules = new List<SensorRule>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            try
            {
                rules.Add(array[i].Deserialize<SensorRule>(ApiJson.Options) ?? throw new JsonException("A rule is null."));
            }
            catch (NotSupportedException)
            {
                // Without a known "$rule" the JSON cannot become any kind of rule (the base record is abstract).
                errors.Add($"rules[{i}] needs \"$rule\": threshold, rate-of-change or offline.");
            }
            catch (JsonException ex)
            {
                errors.Add($"rules[{i}] is not a rule: {ex.Message}");
            }
        }

        return rules;
    }
}
