using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace CityActors.Domain.Geography;

/// <summary>
/// Lays square cells over an area in the city's metric plane and clips them to it. Cells are anchored to the
/// projection origin, so cells of neighbouring areas line up. Every point of the area lies in exactly one cell's
/// boundary or on a shared edge; slivers at the area's edge are kept as cells of their own so no point is orphaned.
/// Codes are the parent code plus a four-digit sequence, numbered row by row from the north-west.
/// </summary>
public sealed class GridGenerator(LocalProjection projection, double cellSizeMeters)
{
    public const double MinCellSizeMeters = 10;
    public const double MaxCellSizeMeters = 10_000;

    // Pieces smaller than a square centimetre are floating-point residue of clipping, not places.
    private const double NumericalNoiseSquareMeters = 1e-4;

    public double CellSizeMeters { get; } = cellSizeMeters is >= MinCellSizeMeters and <= MaxCellSizeMeters
        ? cellSizeMeters
        : throw new ArgumentOutOfRangeException(nameof(cellSizeMeters), cellSizeMeters, $"Grid cell size must be between {MinCellSizeMeters} and {MaxCellSizeMeters} metres.");

    public IReadOnlyList<GridCell> Generate(Geometry area, string parentCode)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentException.ThrowIfNullOrWhiteSpace(parentCode);
        var metric = projection.ToMeters(area);
        if (metric.IsEmpty || metric.Area <= 0)
        {
            return [];
        }

        var envelope = metric.EnvelopeInternal;
        var factory = metric.Factory;
        // Round-tripping through degrees leaves edges a few nanometres off the grid lines; do not open a column for that.
        const double Slack = 1e-6;
        var firstColumn = (long)Math.Floor((envelope.MinX / CellSizeMeters) + Slack);
        var lastColumn = (long)Math.Ceiling((envelope.MaxX / CellSizeMeters) - Slack);
        var firstRow = (long)Math.Floor((envelope.MinY / CellSizeMeters) + Slack);
        var lastRow = (long)Math.Ceiling((envelope.MaxY / CellSizeMeters) - Slack);
        var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(metric);
        var cells = new List<GridCell>();
        for (var row = lastRow - 1; row >= firstRow; row--)
        {
            for (var column = firstColumn; column < lastColumn; column++)
            {
                var square = factory.ToGeometry(new Envelope(
                    column * CellSizeMeters, (column + 1) * CellSizeMeters, row * CellSizeMeters, (row + 1) * CellSizeMeters));
                if (!prepared.Intersects(square))
                {
                    continue;
                }

                // OverlayNG clips the area's edges to the square's envelope first, so large areas cost little per cell.
                var clipped = prepared.Covers(square) ? square : OverlayNGRobust.Overlay(metric, square, SpatialFunction.Intersection).PolygonalPart();
                if (clipped is null || clipped.Area <= NumericalNoiseSquareMeters)
                {
                    continue;
                }

                var code = string.Create(CultureInfo.InvariantCulture, $"{parentCode}.{cells.Count + 1:D4}");
                cells.Add(new GridCell(code, projection.ToDegrees(clipped), clipped.Area));
            }
        }

        return cells;
    }
}
