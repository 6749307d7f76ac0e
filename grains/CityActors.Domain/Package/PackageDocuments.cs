using System.Text.Json.Serialization;

namespace CityActors.Domain.Package;

// The JSON shapes of a city package, read as-is and validated afterwards (see docs/city-package.md).
#pragma warning disable CA1812 // instantiated by System.Text.Json

internal sealed class CityDocument
{
    public string? Format { get; set; }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Version { get; set; }

    public string? TimeZone { get; set; }

    public CalendarDocument? Calendar { get; set; }

    public GridDocument? Grid { get; set; }

    public string? Boundaries { get; set; }

    public string? Catalogue { get; set; }

    /// <summary>Optional: the sensor defaults and fleet file (sensors.json).</summary>
    public string? Sensors { get; set; }

    /// <summary>Optional: the emergency profiles file (emergency.json).</summary>
    public string? EmergencyProfiles { get; set; }

    public List<UnitDocument>? Units { get; set; }

    public List<CentreDocument>? Centres { get; set; }

    public List<DepartmentDocument>? Departments { get; set; }
}

internal sealed class CalendarDocument
{
    public List<List<string>>? Hours { get; set; }

    public List<string>? WorkingDays { get; set; }

    public List<string>? Holidays { get; set; }

    public List<string>? MakeUpWorkdays { get; set; }
}

internal sealed class GridDocument
{
    public double? CellSizeMeters { get; set; }
}

internal sealed class UnitDocument
{
    public string? Code { get; set; }

    public string? Level { get; set; }

    public string? Name { get; set; }

    public string? Parent { get; set; }
}

internal sealed class CentreDocument
{
    public string? Code { get; set; }

    public string? Unit { get; set; }

    public string? Name { get; set; }
}

internal sealed class DepartmentDocument
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? Unit { get; set; }

    public string? Agency { get; set; }
}

internal sealed class CatalogueDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Version { get; set; }

    public string? Source { get; set; }

    /// <summary>Named limit sets: profile → urgency → stage → limit text ("30m working").</summary>
    public Dictionary<string, Dictionary<string, Dictionary<string, string>>>? LimitProfiles { get; set; }

    public List<MatterDocument>? Matters { get; set; }
}

internal sealed class MatterDocument
{
    public string? Code { get; set; }

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public string? Kind { get; set; }

    public string? Major { get; set; }

    public string? Minor { get; set; }

    /// <summary>Level ("city", "district", "street") → agency.</summary>
    public Dictionary<string, string>? Owners { get; set; }

    public List<AreaOwnerDocument>? AreaOwners { get; set; }

    public string? Dispatch { get; set; }

    public string? Limits { get; set; }

    /// <summary>Per-matter overrides on top of the profile: urgency → stage → limit text.</summary>
    [JsonPropertyName("limitOverrides")]
    public Dictionary<string, Dictionary<string, string>>? LimitOverrides { get; set; }

    /// <summary>"newCase" (the default) or "reopen": what a sensor condition of this matter does when it comes back.</summary>
    public string? Recurrence { get; set; }
}

internal sealed class AreaOwnerDocument
{
    public string? Area { get; set; }

    public string? Department { get; set; }
}
#pragma warning restore CA1812
