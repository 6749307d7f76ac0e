using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CityActors.Runtime.CodeGen;

/// <summary>What the emitter needs to know of one grain interface. Value-equal so the incremental pipeline caches it.</summary>
internal sealed record GrainInterfaceModel(
    string Namespace,
    string Name,
    string FullName,
    string DisplayName,
    string GrainType,
    string KeyKind,
    EquatableArray<GrainMethodModel> Methods,
    EquatableArray<DiagnosticModel> Diagnostics);

internal sealed record GrainMethodModel(
    string DeclaringInterface,
    string DeclaringDisplayName,
    string Name,
    ReturnKind ReturnKind,
    string ResultType,
    EquatableArray<ParameterModel> Parameters,
    bool IsReadOnly,
    bool IsAlwaysInterleave,
    long TimeoutTicks);

internal sealed record ParameterModel(string Type, string Name, bool IsCancellationToken);

internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>A diagnostic with its location flattened to values, so models stay comparable across runs.</summary>
internal sealed record DiagnosticModel(string Id, string Message, string? FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Diagnostic ToDiagnostic()
    {
        var location = FilePath is null ? Location.None : Location.Create(FilePath, Span, LineSpan);
        return Diagnostic.Create(Descriptors.ById(Id), location, Message);
    }

    public static DiagnosticModel Create(string id, string message, Location? location)
    {
        var lineSpan = location?.GetLineSpan();
        return new DiagnosticModel(id, message, location?.SourceTree?.FilePath, location?.SourceSpan ?? default, lineSpan?.Span ?? default);
    }
}

/// <summary>An immutable array compared by its elements.</summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T>
{
    private readonly ImmutableArray<T> _items;

    public EquatableArray(ImmutableArray<T> items) => _items = items;

    public int Length => _items.IsDefault ? 0 : _items.Length;

    public T this[int index] => _items[index];

    public bool Equals(EquatableArray<T> other) => AsEnumerable().SequenceEqual(other.AsEnumerable());

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 17;
        foreach (var item in AsEnumerable())
        {
            hash = unchecked((hash * 31) + (item?.GetHashCode() ?? 0));
        }

        return hash;
    }

    public IEnumerator<T> GetEnumerator() => AsEnumerable().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<T> AsEnumerable() => _items.IsDefault ? Enumerable.Empty<T>() : _items;
}
