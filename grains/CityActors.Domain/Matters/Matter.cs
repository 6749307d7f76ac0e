using CityActors.Domain.Calendar;
using CityActors.Domain.City;

namespace CityActors.Domain.Matters;

/// <summary>部件 (a physical asset with an owner) or 事件 (an occurrence in a territory).</summary>
public enum MatterKind
{
    Component,
    Event,
}

/// <summary>Who is asked first when a case is dispatched.</summary>
public enum DispatchRule
{
    /// <summary>先属主后属地: the asset's owner, then the territory. The default for components.</summary>
    OwnerFirst,

    /// <summary>先属地后属主: the territory's department, then the owner. The default for events.</summary>
    TerritoryFirst,
}

public enum Urgency
{
    Normal,
    Urgent,
}

/// <summary>The timed stages of a case.</summary>
public enum CaseStage
{
    /// <summary>核实.</summary>
    Verify,

    /// <summary>立案 and 派遣 together.</summary>
    AcceptAndDispatch,

    /// <summary>签收.</summary>
    SignFor,

    /// <summary>处置.</summary>
    Handle,

    /// <summary>核查.</summary>
    Inspect,
}

/// <summary>A department that owns a matter in part of the city (a road, a park), overriding the level owners there.</summary>
/// <param name="AreaCode">An org unit code; the rule applies to that unit and everything below it.</param>
/// <param name="DepartmentCode">The owning department.</param>
public sealed record AreaOwner(string AreaCode, string DepartmentCode);

/// <summary>One entry of the matter catalogue (事项清单 / 权责清单).</summary>
public sealed record Matter(
    string Code,
    string NameZh,
    string NameEn,
    MatterKind Kind,
    string MajorClass,
    string MinorClass,
    IReadOnlyDictionary<OrgLevel, string> OwnerAgencies,
    IReadOnlyList<AreaOwner> AreaOwners,
    DispatchRule DispatchRule,
    IReadOnlyDictionary<(Urgency Urgency, CaseStage Stage), TimeLimit> Limits)
{
    public TimeLimit Limit(CaseStage stage, Urgency urgency) =>
        Limits.TryGetValue((urgency, stage), out var limit)
            ? limit
            : throw new KeyNotFoundException($"Matter {Code} has no {urgency} limit for {stage}.");
}

/// <summary>A versioned catalogue of matters, with a statement of where its classes and limits come from.</summary>
public sealed record MatterCatalogue(string Id, string Name, string Version, string Source, IReadOnlyList<Matter> Matters)
{
    private readonly Dictionary<string, Matter> _byCode = Matters.ToDictionary(m => m.Code, StringComparer.Ordinal);

    public Matter? Find(string code) => _byCode.GetValueOrDefault(code);
}
