using NetTopologySuite.Geometries;

namespace CityActors.Domain.Geography;

/// <summary>
/// A geometry factory that closes open rings (last position ≠ first) by repeating the first position, using
/// NetTopologySuite's own <see cref="CoordinateSequences.EnsureValidRing"/>. GeoJSON4STJ builds every ring through
/// <see cref="CreateLinearRing(CoordinateSequence)"/>, so handing it this factory repairs public data as it is read
/// instead of failing on it. <see cref="GeoJsonValidator"/> has already refused rings too short to repair.
/// </summary>
internal sealed class RingClosingGeometryFactory(GeometryFactory template)
    : GeometryFactory(template.PrecisionModel, template.ElevationModel, template.SRID, template.CoordinateSequenceFactory, template.GeometryServices)
{
    public override LinearRing CreateLinearRing(CoordinateSequence coordinates) =>
        base.CreateLinearRing(coordinates is null ? null : CoordinateSequences.EnsureValidRing(CoordinateSequenceFactory, coordinates));
}
