using System.Reflection;
using CityActors.Runtime.Invocation;
using CityActors.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Runtime.Activations;

/// <summary>The grain classes a silo was configured with (filled by <c>SiloBuilder.AddGrains</c>).</summary>
internal sealed class GrainClassRegistrations
{
    public HashSet<Type> Types { get; } = [];
}

/// <summary>How to build activations of one grain class. Computed once at silo start; reflection ends here.</summary>
internal sealed class GrainClassInfo
{
    public required Type ClassType { get; init; }

    public required string GrainType { get; init; }

    public required bool IsReentrant { get; init; }

    public required TimeSpan? CollectionAge { get; init; }

    public required ObjectFactory Factory { get; init; }

    public required IReadOnlyList<PersistentStateBinding> States { get; init; }
}

/// <summary>A constructor parameter marked [PersistentState] and the factory that creates its state object per activation.</summary>
internal sealed record PersistentStateBinding(
    string StateName,
    string StorageName,
    Type StateType,
    Func<GrainId, IGrainStorage, GrainStateContext, IPersistentStateLoader> Create);

/// <summary>Maps grain types to grain classes and validates the whole set at silo start, reporting every problem at once.</summary>
internal sealed class GrainClassRegistry
{
    private static readonly MethodInfo CreateStateMethod =
        typeof(GrainClassRegistry).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Dictionary<string, GrainClassInfo> _byGrainType = new(StringComparer.Ordinal);

    public GrainClassRegistry(GrainClassRegistrations registrations, IServiceProvider services)
    {
        var errors = new List<string>();
        foreach (var type in registrations.Types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            Register(type, services, errors);
        }

        if (errors.Count > 0)
        {
            throw new GrainConfigurationException("Invalid grain configuration:" + Environment.NewLine + " - " + string.Join(Environment.NewLine + " - ", errors));
        }
    }

    public IReadOnlyCollection<GrainClassInfo> Classes => _byGrainType.Values;

    public bool TryGet(string grainType, out GrainClassInfo info) => _byGrainType.TryGetValue(grainType, out info!);

    public static bool IsGrainClass(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(Grain).IsAssignableFrom(type)
        && type.GetInterfaces().Any(i => i != typeof(IGrain) && typeof(IGrain).IsAssignableFrom(i));

    private void Register(Type type, IServiceProvider services, List<string> errors)
    {
        if (!IsGrainClass(type))
        {
            errors.Add($"{type.FullName} is not a grain class: it must be a non-abstract class deriving from Grain and implementing a grain interface.");
            return;
        }

        var grainTypes = new List<string>();
        foreach (var iface in type.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain)))
        {
            if (!GrainInterfaceRegistry.TryGet(iface, out var descriptor))
            {
                // Marker interfaces (IGrainWithStringKey, ...) have no proxy; anything else without one is a build problem.
                if (iface.Assembly != typeof(IGrain).Assembly || iface.GetMethods().Length > 0)
                {
                    errors.Add($"{type.FullName} implements {iface.FullName}, which has no generated proxy; set <CityActorsCodeGen>true</CityActorsCodeGen> in its project.");
                }

                continue;
            }

            // An interface that another implemented grain interface extends names no type of its own for this class:
            // a class implementing IReentrantTurnGrain : ITurnGrain is "reentrant-turn", not also "turn".
            var extended = type.GetInterfaces().Any(other => other != iface && iface.IsAssignableFrom(other)
                && GrainInterfaceRegistry.TryGet(other, out var d) && d.KeyKind != GrainKeyKind.None);
            if (descriptor.KeyKind != GrainKeyKind.None && !extended && !grainTypes.Contains(descriptor.GrainType))
            {
                grainTypes.Add(descriptor.GrainType);
            }
        }

        if (grainTypes.Count == 0)
        {
            errors.Add($"{type.FullName} implements no keyed grain interface (one deriving from IGrainWithStringKey, IGrainWithGuidKey or IGrainWithIntegerKey).");
            return;
        }

        var states = BindPersistentStates(type, services, errors);
        if (states is null)
        {
            return;
        }

        ObjectFactory factory;
        try
        {
            factory = ActivatorUtilities.CreateFactory(type, states.Select(s => typeof(IPersistentState<>).MakeGenericType(s.StateType)).ToArray());
        }
        catch (InvalidOperationException ex)
        {
            errors.Add($"{type.FullName} cannot be constructed: {ex.Message}");
            return;
        }

        foreach (var grainType in grainTypes)
        {
            var info = new GrainClassInfo
            {
                ClassType = type,
                GrainType = grainType,
                IsReentrant = type.GetCustomAttribute<ReentrantAttribute>() is not null,
                CollectionAge = type.GetCustomAttribute<CollectionAgeAttribute>()?.Age,
                Factory = factory,
                States = states,
            };
            if (!_byGrainType.TryAdd(grainType, info))
            {
                errors.Add($"Grain type '{grainType}' is implemented by both {_byGrainType[grainType].ClassType.FullName} and {type.FullName}; each grain type needs exactly one class.");
            }
        }
    }

    private static List<PersistentStateBinding>? BindPersistentStates(Type type, IServiceProvider services, List<string> errors)
    {
        var constructors = type.GetConstructors();
        if (constructors.Length != 1)
        {
            errors.Add($"{type.FullName} must have exactly one public constructor (it has {constructors.Length}).");
            return null;
        }

        var bindings = new List<PersistentStateBinding>();
        foreach (var parameter in constructors[0].GetParameters())
        {
            var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
            if (attribute is null)
            {
                continue;
            }

            var parameterType = parameter.ParameterType;
            if (!parameterType.IsGenericType || parameterType.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                errors.Add($"{type.FullName}: parameter '{parameter.Name}' has [PersistentState] but is not IPersistentState<T>.");
                continue;
            }

            var stateType = parameterType.GetGenericArguments()[0];
            if (stateType.GetConstructor(Type.EmptyTypes) is null && !stateType.IsValueType)
            {
                errors.Add($"{type.FullName}: state type {stateType.FullName} of '{parameter.Name}' needs a public parameterless constructor.");
                continue;
            }

            if (services.GetKeyedService<IGrainStorage>(attribute.StorageName) is null)
            {
                errors.Add($"{type.FullName}: parameter '{parameter.Name}' uses grain storage '{attribute.StorageName}', which is not registered (call AddMemoryGrainStorage(\"{attribute.StorageName}\") or another storage provider).");
                continue;
            }

            if (bindings.Any(b => b.StateType == stateType))
            {
                errors.Add($"{type.FullName}: two persistent states of type {stateType.Name}; wrap them in distinct types.");
                continue;
            }

            var create = CreateStateMethod.MakeGenericMethod(stateType)
                .CreateDelegate<Func<GrainId, IGrainStorage, GrainStateContext, IPersistentStateLoader>>();
            bindings.Add(new PersistentStateBinding(attribute.StateName, attribute.StorageName, stateType, create));
        }

        return bindings;
    }

    private static IPersistentStateLoader CreateState<TState>(GrainId grainId, IGrainStorage storage, GrainStateContext context)
        where TState : new() =>
        new PersistentState<TState>(grainId, storage, context);
}
