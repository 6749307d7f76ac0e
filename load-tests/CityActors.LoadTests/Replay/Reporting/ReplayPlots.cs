using ScottPlot;

namespace CityActors.LoadTests.Replay.Reporting;

/// <summary>
/// The report's two plots, drawn with ScottPlot, each as PNG and SVG: latency over time (p50 and p99 of the case
/// commands acknowledged in each second, p99 of the sensor batches) and throughput over time (case commands offered
/// and acknowledged per second, sensor readings offered and accepted per second). Chaos events are vertical lines.
/// </summary>
public static class ReplayPlots
{
    private const int Width = 1200;
    private const int Height = 500;

    public static IReadOnlyList<string> Write(ReplayReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var files = new List<string>();
        var commands = report.CommandSeconds;
        var sensors = report.SensorSeconds;

        var latency = new Plot();
        Line(latency, commands.Select(s => s.P50), "commands p50");
        Line(latency, commands.Select(s => s.P99), "commands p99");
        if (sensors.Count > 0)
        {
            Line(latency, sensors.Select(s => s.P99), "sensor batches p99");
        }

        Finish(latency, report, "Latency from intended send time", "ms");
        files.AddRange(Save(latency, directory, "latency-over-time"));

        var throughput = new Plot();
        Line(throughput, commands.Select(s => (double)s.Offered), "commands offered / s");
        Line(throughput, commands.Select(s => (double)s.Achieved), "commands acknowledged / s");
        if (sensors.Count > 0)
        {
            var readings = throughput.Add.Scatter(Xs(sensors.Count), [.. sensors.Select(s => (double)s.Items)]);
            readings.LegendText = "sensor readings accepted / s (right axis)";
            readings.MarkerSize = 0;
            readings.Axes.YAxis = throughput.Axes.Right;
            throughput.Axes.Right.Label.Text = "readings / s";
            throughput.Axes.SetLimitsY(0, Math.Max(1, sensors.Max(s => s.Items)) * 1.3, throughput.Axes.Right);
        }

        throughput.Axes.SetLimitsY(0, Math.Max(1, commands.Count == 0 ? 0 : commands.Max(s => Math.Max(s.Offered, s.Achieved))) * 1.3, throughput.Axes.Left);

        Finish(throughput, report, "Throughput", "commands / s");
        files.AddRange(Save(throughput, directory, "throughput-over-time"));
        return files;
    }

    private static double[] Xs(int count) => [.. Enumerable.Range(0, count).Select(i => (double)i)];

    private static void Line(Plot plot, IEnumerable<double> values, string label)
    {
        var ys = values.Select(v => double.IsNaN(v) ? 0 : v).ToArray();
        var line = plot.Add.Scatter(Xs(ys.Length), ys);
        line.LegendText = label;
        line.MarkerSize = 0;
    }

    private static void Finish(Plot plot, ReplayReport report, string title, string unit)
    {
        foreach (var (at, what) in report.Events)
        {
            var mark = plot.Add.VerticalLine(at.TotalSeconds);
            mark.LegendText = $"{at.TotalSeconds:N0} s: {what}";
            mark.LinePattern = LinePattern.Dashed;
        }

        plot.Title($"{title} — {report.Target}");
        plot.XLabel("seconds since the first arrival");
        plot.YLabel(unit);
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static IEnumerable<string> Save(Plot plot, string directory, string name)
    {
        var png = Path.Combine(directory, name + ".png");
        var svg = Path.Combine(directory, name + ".svg");
        plot.SavePng(png, Width, Height);
        plot.SaveSvg(svg, Width, Height);
        return [png, svg];
    }
}
