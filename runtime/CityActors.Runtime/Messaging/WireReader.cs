using System.Buffers.Binary;
using System.Text;

namespace CityActors.Runtime.Messaging;

/// <summary>Reads the body primitives <see cref="WireWriter"/> wrote; a short or malformed body throws <see cref="InvalidDataException"/>.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> body)
{
    private ReadOnlySpan<byte> _rest = body;

    public readonly ReadOnlySpan<byte> Rest => _rest;

    public byte ReadByte() => Take(1)[0];

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public Guid ReadGuid() => new(Take(16));

    public string ReadString()
    {
        var length = ReadInt32();
        if (length < 0)
        {
            throw new InvalidDataException($"Negative string length {length} in frame.");
        }

        return Encoding.UTF8.GetString(Take(length));
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_rest.Length < count)
        {
            throw new InvalidDataException($"Frame body ended early: needed {count} more byte(s), {_rest.Length} left.");
        }

        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
