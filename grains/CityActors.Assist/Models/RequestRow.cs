using CityActors.Assist.History;
using Microsoft.ML.Data;

namespace CityActors.Assist.Models;

/// <summary>
/// The columns the ML.NET pipelines read: a request's text, channel and place (as categorical tokens), its type when
/// known, and the crossings of type with place that let a linear model learn "this type goes to that queue here".
/// </summary>
internal sealed class RequestRow
{
    public string Title { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Area { get; set; } = "";
    public string Tile { get; set; } = "";
    public string Type { get; set; } = "";
    public string TypeArea { get; set; } = "";
    public string TypeTile { get; set; } = "";
    public string Queue { get; set; } = "";
    public float Hour { get; set; }
    public float Weekday { get; set; }

    /// <summary>log(1 + hours to closure): resolution times span minutes to months.</summary>
    public float LogHours { get; set; }

    // Tiles of 0.01° latitude by 0.01° longitude (about 1.1 km by 0.8 km at Boston's latitude): fine enough to follow the
    // district boundaries of work crews. On the Boston year 0.02° tiles dispatch 0.2 points worse.
    private const double TileDegrees = 0.01;

    public static RequestRow From(ServiceRequest request) =>
        From(request.ToQuery(), request.Type, request.Queue, request.ResolutionHours);

    public static RequestRow From(AssistQuery query, string type, string queue = "", double? hours = null)
    {
        var tile = TileOf(query.Latitude, query.Longitude);
        return new RequestRow
        {
            Title = query.Title,
            Channel = query.Channel,
            Area = query.Area,
            Tile = tile,
            Type = type,
            TypeArea = type + "|" + query.Area,
            TypeTile = type + "|" + tile,
            Queue = queue,
            Hour = query.Opened.Hour,
            Weekday = (float)query.Opened.DayOfWeek,
            LogHours = hours is { } h ? (float)Math.Log(1 + h) : 0,
        };
    }

    public static string TileOf(double? latitude, double? longitude) =>
        latitude is { } lat && longitude is { } lon
            ? $"{Math.Floor(lat / TileDegrees)}:{Math.Floor(lon / TileDegrees)}"
            : "none";
}

/// <summary>What a multiclass pipeline gives back: the probability of every label, in the model's label order.</summary>
internal sealed class ClassScores
{
    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}

/// <summary>What the resolution-time regression gives back (log hours).</summary>
internal sealed class HoursScore
{
    [ColumnName("Score")]
    public float Score { get; set; }
}
