namespace CityActors.Domain.Sensors;

/// <summary>A sensor registration was refused; <see cref="Errors"/> names every problem.</summary>
public sealed class SensorRegistrationException : Exception
{
    public SensorRegistrationException()
        : this([])
    {
    }

    public SensorRegistrationException(string message)
        : this([message])
    {
    }

    public SensorRegistrationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    public SensorRegistrationException(IReadOnlyList<string> errors)
        : base(errors.Count == 0 ? "The sensor registration was refused." : string.Join(" ", errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }
}
