using Microsoft.Extensions.DependencyInjection;

namespace CityActors.LoadTests.Hosting;

/// <summary>Wraps the registered implementation of a service in another, for measuring what the silo spends in it.</summary>
public static class ServiceDecoration
{
    /// <summary>
    /// Replaces the last registration of <typeparamref name="TService"/> (a singleton) with <paramref name="wrap"/> of it.
    /// Call after everything that registers the service.
    /// </summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> wrap)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(wrap);
        var original = services.LastOrDefault(d => d.ServiceType == typeof(TService) && !d.IsKeyedService)
            ?? throw new InvalidOperationException($"No {typeof(TService).Name} is registered to decorate.");
        services.Remove(original);
        services.AddSingleton(sp => wrap(Create<TService>(original, sp), sp));
        return services;
    }

    private static TService Create<TService>(ServiceDescriptor original, IServiceProvider services)
        where TService : class =>
        (TService)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, original.ImplementationType!));
}
