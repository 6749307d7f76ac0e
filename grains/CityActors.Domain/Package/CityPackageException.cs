namespace CityActors.Domain.Package;

/// <summary>A city package was rejected; <see cref="Errors"/> lists every problem found, each naming what and where.</summary>
public sealed class CityPackageException(string package, IReadOnlyList<string> errors)
    : Exception($"City package '{package}' is invalid ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):{Environment.NewLine} - {string.Join(Environment.NewLine + " - ", errors)}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
