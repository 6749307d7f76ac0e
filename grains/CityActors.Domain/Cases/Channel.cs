namespace CityActors.Domain.Cases;

/// <summary>Where a report came from.</summary>
public enum Channel
{
    /// <summary>12345 市民热线.</summary>
    Hotline,

    /// <summary>The citizen web site or app (随申拍 and the like).</summary>
    WebApp,

    /// <summary>An Open311 GeoReport v2 client.</summary>
    Open311,

    /// <summary>A grid inspector's patrol (网格巡查).</summary>
    GridInspector,

    /// <summary>An IoT sensor alarm (物联感知).</summary>
    Sensor,

    /// <summary>A video-AI detection (视频智能发现).</summary>
    VideoAi,
}
