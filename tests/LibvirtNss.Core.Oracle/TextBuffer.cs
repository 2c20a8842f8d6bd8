using System;

namespace LibvirtNss.Core;

/// <summary>The strings of one parsed file, appended into one growing byte array.</summary>
internal sealed class TextBuffer
{
    private byte[] _bytes = new byte[256];

    public int Length { get; private set; }

    /// <returns>Where <paramref name="value"/> starts.</returns>
    public int Append(ReadOnlySpan<byte> value)
    {
        if (Length + value.Length > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + value.Length));
        int at = Length;
        value.CopyTo(_bytes.AsSpan(at));
        Length += value.Length;
        return at;
    }

    public byte[] ToArray() => _bytes.AsSpan(0, Length).ToArray();
}
