using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace CityActors;

/// <summary>
/// xxHash32 (seed 0) of UTF-8 text. Grain placement depends on this value being identical in every process,
/// machine and version, which <see cref="string.GetHashCode()"/> is not; the algorithm is therefore part of the
/// cluster's persistent contract and must never change.
/// </summary>
public static class StableHash
{
    private const uint Prime1 = 2654435761U;
    private const uint Prime2 = 2246822519U;
    private const uint Prime3 = 3266489917U;
    private const uint Prime4 = 668265263U;
    private const uint Prime5 = 374761393U;

    public static uint Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            return Compute(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var remaining = data;
        uint hash;
        if (data.Length >= 16)
        {
            var v1 = unchecked(Prime1 + Prime2);
            var v2 = Prime2;
            var v3 = 0U;
            var v4 = unchecked(0U - Prime1);
            while (remaining.Length >= 16)
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt32LittleEndian(remaining));
                v2 = Round(v2, BinaryPrimitives.ReadUInt32LittleEndian(remaining[4..]));
                v3 = Round(v3, BinaryPrimitives.ReadUInt32LittleEndian(remaining[8..]));
                v4 = Round(v4, BinaryPrimitives.ReadUInt32LittleEndian(remaining[12..]));
                remaining = remaining[16..];
            }

            hash = unchecked(BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7)
                + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18));
        }
        else
        {
            hash = Prime5;
        }

        hash = unchecked(hash + (uint)data.Length);
        while (remaining.Length >= 4)
        {
            hash = unchecked(hash + (BinaryPrimitives.ReadUInt32LittleEndian(remaining) * Prime3));
            hash = unchecked(BitOperations.RotateLeft(hash, 17) * Prime4);
            remaining = remaining[4..];
        }

        foreach (var b in remaining)
        {
            hash = unchecked(hash + (b * Prime5));
            hash = unchecked(BitOperations.RotateLeft(hash, 11) * Prime1);
        }

        hash ^= hash >> 15;
        hash = unchecked(hash * Prime2);
        hash ^= hash >> 13;
        hash = unchecked(hash * Prime3);
        hash ^= hash >> 16;
        return hash;
    }

    private static uint Round(uint accumulator, uint lane) =>
        unchecked(BitOperations.RotateLeft(accumulator + (lane * Prime2), 13) * Prime1);
}
