using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;

namespace CityActors.GrainInterfaces.Hosting;

/// <summary>
/// Keeps the <see cref="GrainInterfaceType"/> of each grain interface once it is known. Orleans works it out again on
/// every <c>GetGrain</c>, reading the interface's custom attributes each time: about 4 % of a busy silo's thread time
/// in the case-lifecycle benchmark, where every command gets references to several grains. A type's answer never
/// changes, so the first one, worked out by Orleans' own providers and conventions, is kept. Generic interfaces are
/// left to Orleans (their names carry type arguments).
/// </summary>
public sealed class RememberedGrainInterfaceTypes(IServiceProvider services) : IGrainInterfaceTypeProvider
{
    [ThreadStatic]
    private static bool t_workingOut;

    private readonly ConcurrentDictionary<Type, GrainInterfaceType> _known = new();

    /// <summary>Puts this provider ahead of Orleans' own, on a silo or a client.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(s => s.ImplementationType == typeof(RememberedGrainInterfaceTypes)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, RememberedGrainInterfaceTypes>());
        }
    }

    public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (_known.TryGetValue(type, out grainInterfaceType))
        {
            return true;
        }

        // While Orleans works the type out, this provider is asked too: it has no answer yet.
        if (t_workingOut || type.IsGenericType)
        {
            grainInterfaceType = default;
            return false;
        }

        t_workingOut = true;
        try
        {
            grainInterfaceType = services.GetRequiredService<GrainInterfaceTypeResolver>().GetGrainInterfaceType(type);
        }
        finally
        {
            t_workingOut = false;
        }

        _known.TryAdd(type, grainInterfaceType);
        return true;
    }
}
