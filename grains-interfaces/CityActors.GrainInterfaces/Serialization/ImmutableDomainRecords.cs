using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace CityActors.GrainInterfaces.Serialization;

/// <summary>
/// Recognises the domain's immutable records (commands, events, views): sealed records whose properties are all
/// init-only, of immutable types (values, strings, other immutable records, read-only collections of them). Orleans
/// copies every argument and result of a call inside one process to isolate caller from grain; for these types the
/// copy is the same instance, as Orleans does for types marked [Immutable], without putting Orleans attributes on the
/// domain. Mutable domain classes (a case's state) are still copied.
/// </summary>
public static class ImmutableDomainRecords
{
    private static readonly ConcurrentDictionary<Type, bool> Known = new();

    public static bool IsImmutable(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Known.TryGetValue(type, out var known) ? known : Known.GetOrAdd(type, Decide(type, []));
    }

    private static bool Decide(Type type, HashSet<Type> visiting)
    {
        if (Known.TryGetValue(type, out var known))
        {
            return known;
        }

        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTimeOffset)
            || type == typeof(DateTime) || type == typeof(TimeSpan) || type == typeof(Guid))
        {
            return true;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Decide(underlying, visiting);
        }

        if (type.IsConstructedGenericType && ReadOnlyCollection(type.GetGenericTypeDefinition()))
        {
            return type.GenericTypeArguments.All(a => Decide(a, visiting));
        }

        if (!DomainSerialization.IsDomainType(type) || !visiting.Add(type))
        {
            return visiting.Contains(type); // a record that refers to itself is judged by its other properties
        }

        // A readonly struct (TimeLimit) is copied by value anyway; what it holds must not be shared mutable state.
        if (type.IsValueType)
        {
            return type.IsDefined(typeof(IsReadOnlyAttribute), false) && Properties(type).All(p => Decide(p.PropertyType, visiting));
        }

        // An abstract record base (CaseEvent, CaseCommand) is immutable if it and each of its derived records are.
        var candidates = type.IsAbstract
            ? type.Assembly.GetTypes().Where(t => t.IsSubclassOf(type) && !t.IsAbstract).Append(type)
            : [type];
        return candidates.All(t => IsRecord(t) && (t.IsAbstract || t.IsSealed) && Properties(t).All(p => InitOnly(p) && Decide(p.PropertyType, visiting)));
    }

    private static bool ReadOnlyCollection(Type definition) =>
        definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>)
        || definition == typeof(IReadOnlyDictionary<,>);

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.Name != "EqualityContract");

    private static bool InitOnly(PropertyInfo property) =>
        property.SetMethod is null || property.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
