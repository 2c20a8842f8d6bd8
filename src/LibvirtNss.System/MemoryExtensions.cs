// System.MemoryExtensions: searching and comparing byte spans (libc's memchr and memrchr).
// .NET declares these generic over `T : IEquatable<T>`; the subset has no interfaces, so these
// are the byte overloads. A call such as `name.SequenceEqual("host"u8)` or `line.IndexOf((byte)' ')`
// binds here and to .NET's generic method alike, with the same result.

using System.Runtime.CompilerServices;
using LibvirtNss.ZeroRuntime;

namespace System
{
    public static unsafe class MemoryExtensions
    {
        private static byte* Start(ReadOnlySpan<byte> span) => (byte*)Unsafe.AsPointer(ref span._reference);

        // Compared here, eight bytes at a time, rather than by memcmp: the spans compared are short
        // (keys, names, MACs), where the call costs more than the loop, and each libc function the
        // module imports is bound when glibc loads it.
        public static bool SequenceEqual(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> other)
        {
            if (span.Length != other.Length)
                return false;
            byte* left = Start(span);
            byte* right = Start(other);
            int length = span.Length;
            int i = 0;
            for (; i + 8 <= length; i += 8)
            {
                if (*(ulong*)(left + i) != *(ulong*)(right + i))
                    return false;
            }
            for (; i < length; i++)
            {
                if (left[i] != right[i])
                    return false;
            }
            return true;
        }

        public static bool SequenceEqual(this Span<byte> span, ReadOnlySpan<byte> other) =>
            SequenceEqual((ReadOnlySpan<byte>)span, other);

        public static int IndexOf(this ReadOnlySpan<byte> span, byte value)
        {
            if (span.Length == 0)
                return -1;
            byte* start = Start(span);
            byte* found = (byte*)Libc.memchr(start, value, (nuint)span.Length);
            return found == null ? -1 : (int)(found - start);
        }

        public static int IndexOf(this Span<byte> span, byte value) => IndexOf((ReadOnlySpan<byte>)span, value);

        /// <summary>The first index of <paramref name="value"/> as a subsequence (0 if it is empty), or -1.</summary>
        public static int IndexOf(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> value)
        {
            if (value.Length == 0)
                return 0;
            byte first = value[0];
            ReadOnlySpan<byte> rest = value.Slice(1);
            int offset = 0;
            while (span.Length - offset >= value.Length)
            {
                int at = IndexOf(span.Slice(offset, span.Length - offset - rest.Length), first);
                if (at < 0)
                    return -1;
                if (SequenceEqual(span.Slice(offset + at + 1, rest.Length), rest))
                    return offset + at;
                offset += at + 1;
            }
            return -1;
        }

        public static int IndexOf(this Span<byte> span, ReadOnlySpan<byte> value) => IndexOf((ReadOnlySpan<byte>)span, value);

        public static int LastIndexOf(this ReadOnlySpan<byte> span, byte value)
        {
            if (span.Length == 0)
                return -1;
            byte* start = Start(span);
            byte* found = (byte*)Libc.memrchr(start, value, (nuint)span.Length);
            return found == null ? -1 : (int)(found - start);
        }

        public static int LastIndexOf(this Span<byte> span, byte value) => LastIndexOf((ReadOnlySpan<byte>)span, value);

        public static int IndexOfAny(this ReadOnlySpan<byte> span, byte value0, byte value1)
        {
            for (int i = 0; i < span.Length; i++)
            {
                byte b = span[i];
                if (b == value0 || b == value1)
                    return i;
            }
            return -1;
        }

        public static int IndexOfAny(this Span<byte> span, byte value0, byte value1) =>
            IndexOfAny((ReadOnlySpan<byte>)span, value0, value1);

        public static int IndexOfAny(this ReadOnlySpan<byte> span, byte value0, byte value1, byte value2)
        {
            for (int i = 0; i < span.Length; i++)
            {
                byte b = span[i];
                if (b == value0 || b == value1 || b == value2)
                    return i;
            }
            return -1;
        }

        public static int IndexOfAny(this Span<byte> span, byte value0, byte value1, byte value2) =>
            IndexOfAny((ReadOnlySpan<byte>)span, value0, value1, value2);

        public static bool StartsWith(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> value) =>
            value.Length <= span.Length && SequenceEqual(span.Slice(0, value.Length), value);

        public static bool StartsWith(this Span<byte> span, ReadOnlySpan<byte> value) =>
            StartsWith((ReadOnlySpan<byte>)span, value);

        public static bool EndsWith(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> value) =>
            value.Length <= span.Length && SequenceEqual(span.Slice(span.Length - value.Length), value);

        public static bool EndsWith(this Span<byte> span, ReadOnlySpan<byte> value) =>
            EndsWith((ReadOnlySpan<byte>)span, value);
    }
}
