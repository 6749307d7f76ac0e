namespace CityActors.Domain.Sensors;

/// <summary>One measurement: the sensor, when it was taken (the device's clock) and the value in its kind's unit.</summary>
public sealed record SensorReading(string SensorId, DateTimeOffset At, double Value);
