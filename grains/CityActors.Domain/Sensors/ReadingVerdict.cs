namespace CityActors.Domain.Sensors;

/// <summary>What became of one reading of a batch.</summary>
public enum ReadingVerdict
{
    Accepted,

    /// <summary>No sensor is registered under the reading's id.</summary>
    UnknownSensor,

    /// <summary>The value is NaN or infinite.</summary>
    NotFinite,

    /// <summary>The timestamp is further ahead of the cluster's clock than the allowed skew.</summary>
    InFuture,

    /// <summary>The timestamp is older than the sensor's last accepted reading.</summary>
    Older,

    /// <summary>The sensor already has a reading at this timestamp.</summary>
    Duplicate,

    /// <summary>The reading could not be processed now (the sensor's grain failed); sending it again is safe.</summary>
    Unavailable,
}
