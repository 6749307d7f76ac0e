namespace CityActors.LoadTests.Measurement;

/// <summary>Where a <see cref="LoadRun"/> is: warming up, measuring, or stopping. Callers read it to record only measured work.</summary>
public sealed class LoadPhase
{
    private volatile bool _measuring;
    private volatile bool _stopping;

    public bool IsMeasuring
    {
        get => _measuring;
        internal set => _measuring = value;
    }

    public bool IsStopping
    {
        get => _stopping;
        internal set => _stopping = value;
    }
}
