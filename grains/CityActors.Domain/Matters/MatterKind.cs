namespace CityActors.Domain.Matters;

/// <summary>部件 (a physical asset with an owner) or 事件 (an occurrence in a territory).</summary>
public enum MatterKind
{
    Component,
    Event,
}
