// System.Buffer and System.SpanHelpers: the block copy, clear and fill that ILC's generated code
// calls for struct copies, zero-initialization (stackalloc, locals) and cpblk/initblk, looked up
// by these names. Here they are libc's memmove, and a fill written here: the blocks the module
// clears are small (a struct, a list's new room), where a loop of word stores costs less than a
// call, and each libc function the module imports is bound when glibc loads it. Internal, as in .NET.

using System.Runtime.CompilerServices;
using LibvirtNss.ZeroRuntime;

namespace System
{
    internal static unsafe class Buffer
    {
        internal static void Memmove(ref byte destination, ref byte source, nuint byteCount) =>
            Libc.memmove(Unsafe.AsPointer(ref destination), Unsafe.AsPointer(ref source), byteCount);

        // No GC, so no write barrier: a plain move.
        internal static void BulkMoveWithWriteBarrier(ref byte destination, ref byte source, nuint byteCount) =>
            Libc.memmove(Unsafe.AsPointer(ref destination), Unsafe.AsPointer(ref source), byteCount);
    }

    internal static unsafe class SpanHelpers
    {
        internal static void Memmove(ref byte destination, ref byte source, nuint byteCount) =>
            Libc.memmove(Unsafe.AsPointer(ref destination), Unsafe.AsPointer(ref source), byteCount);

        internal static void ClearWithoutReferences(ref byte b, nuint byteLength) =>
            Set((byte*)Unsafe.AsPointer(ref b), 0, byteLength);

        internal static void ClearWithReferences(ref nint ip, nuint pointerSizeLength) =>
            Set((byte*)Unsafe.AsPointer(ref ip), 0, pointerSizeLength * (nuint)sizeof(nint));

        internal static void Fill(ref byte destination, byte value, nuint byteCount) =>
            Set((byte*)Unsafe.AsPointer(ref destination), value, byteCount);

        /// <summary>Sets <paramref name="count"/> bytes, 32 and then eight at a time (unaligned stores: fine on x86_64 and aarch64).</summary>
        internal static void Set(byte* destination, byte value, nuint count)
        {
            ulong word = value * 0x0101010101010101UL;
            nuint i = 0;
            for (; i + 32 <= count; i += 32)
            {
                var at = (ulong*)(destination + i);
                at[0] = word;
                at[1] = word;
                at[2] = word;
                at[3] = word;
            }
            for (; i + 8 <= count; i += 8)
                *(ulong*)(destination + i) = word;
            for (; i < count; i++)
                destination[i] = value;
        }
    }
}
