using System.Collections.Concurrent;
using System.Reflection;

namespace CityActors.Runtime.Messaging;

/// <summary>
/// Exceptions cross the wire as type name and message. The receiver recreates the same type when it can (a loaded
/// exception type with a (string) constructor, such as the runtime's own and most domain exceptions) and otherwise
/// raises <see cref="RemoteGrainException"/> carrying the remote type's name.
/// </summary>
internal static class RemoteExceptions
{
    private static readonly ConcurrentDictionary<string, Func<string, Exception>?> Factories = new(StringComparer.Ordinal);

    public static string TypeName(Exception exception) => exception.GetType().FullName ?? exception.GetType().Name;

    public static Exception Create(string typeName, string message) =>
        Factories.GetOrAdd(typeName, FindFactory) is { } create ? create(message) : new RemoteGrainException(typeName, message);

    private static Func<string, Exception>? FindFactory(string typeName)
    {
        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(typeName, throwOnError: false))
            .FirstOrDefault(t => t is not null && typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract);
        if (type?.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]) is { } withMessage)
        {
            return message => (Exception)withMessage.Invoke([message]);
        }

        if (type?.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string), typeof(Exception)]) is { } withInner)
        {
            return message => (Exception)withInner.Invoke([message, null]);
        }

        return null;
    }
}
