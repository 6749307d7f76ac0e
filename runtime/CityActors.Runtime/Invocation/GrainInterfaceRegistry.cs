using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CityActors.Runtime.Invocation;

/// <summary>What the generator recorded about a grain interface: its grain type, key kind and proxy factory.</summary>
public sealed record GrainInterfaceDescriptor(
    Type InterfaceType,
    string GrainType,
    GrainKeyKind KeyKind,
    Func<GrainId, IGrainCallInvoker, GrainReference> CreateProxy);

/// <summary>
/// Filled by module initializers in generated code, one per grain interface, when the declaring assembly loads.
/// Lookups by generic type go through a static generic cache, so creating a proxy costs no dictionary lookup.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainInterfaceRegistry
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceDescriptor> ByType = new();

    public static void Register<TInterface>(string grainType, GrainKeyKind keyKind, Func<GrainId, IGrainCallInvoker, GrainReference> createProxy)
        where TInterface : IGrain
    {
        var descriptor = new GrainInterfaceDescriptor(typeof(TInterface), grainType, keyKind, createProxy);
        Cache<TInterface>.Descriptor = descriptor;
        ByType[typeof(TInterface)] = descriptor;
    }

    public static GrainInterfaceDescriptor Get<TInterface>()
        where TInterface : IGrain
    {
        var descriptor = Cache<TInterface>.Descriptor;
        if (descriptor is null)
        {
            RuntimeHelpers.RunModuleConstructor(typeof(TInterface).Module.ModuleHandle);
            descriptor = Cache<TInterface>.Descriptor ?? throw MissingProxy(typeof(TInterface));
        }

        return descriptor;
    }

    public static bool TryGet(Type interfaceType, out GrainInterfaceDescriptor descriptor)
    {
        if (ByType.TryGetValue(interfaceType, out descriptor!))
        {
            return true;
        }

        RuntimeHelpers.RunModuleConstructor(interfaceType.Module.ModuleHandle);
        return ByType.TryGetValue(interfaceType, out descriptor!);
    }

    private static GrainConfigurationException MissingProxy(Type type) => new(
        $"No generated proxy exists for '{type.FullName}'. Grain interfaces must derive from IGrainWithStringKey, " +
        "IGrainWithGuidKey or IGrainWithIntegerKey, and their project must set <CityActorsCodeGen>true</CityActorsCodeGen>.");

    private static class Cache<TInterface>
    {
        public static GrainInterfaceDescriptor? Descriptor;
    }
}
