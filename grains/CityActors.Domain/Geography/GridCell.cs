using NetTopologySuite.Geometries;

namespace CityActors.Domain.Geography;

/// <summary>One generated grid cell: its hierarchical code, its WGS84 shape and its area.</summary>
public sealed record GridCell(string Code, Geometry Boundary, double AreaSquareMeters);
