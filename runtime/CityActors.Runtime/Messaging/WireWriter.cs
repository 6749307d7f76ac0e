using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace CityActors.Runtime.Messaging;

/// <summary>
/// Builds one frame in a pooled array: header first (length patched at the end), then body primitives. The frame is
/// handed to a connection's send queue, which returns the array to the pool after writing it.
/// </summary>
internal sealed class WireWriter : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _written;

    private WireWriter(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public static WireWriter StartFrame(FrameKind kind, long correlationId, int bodyHint = 256)
    {
        var writer = new WireWriter(FrameLayout.HeaderSize + bodyHint);
        writer._written = 4;
        writer._buffer[4] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(writer._buffer.AsSpan(5), correlationId);
        writer._written = FrameLayout.HeaderSize;
        return writer;
    }

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        Advance(1);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(GetSpan(8), value);
        Advance(8);
    }

    public void WriteGuid(Guid value)
    {
        value.TryWriteBytes(GetSpan(16));
        Advance(16);
    }

    /// <summary>UTF-8 with an int32 byte-length prefix.</summary>
    public void WriteString(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = GetSpan(4 + max);
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        Advance(4 + length);
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Patches the length and gives up the buffer; the frame occupies [0, length).</summary>
    public OutgoingFrame Finish()
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer, _written - 4);
        var frame = new OutgoingFrame(_buffer, _written);
        _buffer = [];
        return frame;
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}

/// <summary>A finished frame in a pooled buffer; whoever writes it to the socket returns the buffer.</summary>
internal readonly record struct OutgoingFrame(byte[] Buffer, int Length)
{
    public void Release() => ArrayPool<byte>.Shared.Return(Buffer);
}
