// System.Buffer and System.SpanHelpers: the block copy, clear and fill that ILC's generated code
// calls for struct copies, zero-initialization (stackalloc, locals) and cpblk/initblk, looked up
// by these names. Here they are libc's memmove and memset. Internal, as in .NET.

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
            Libc.memset(Unsafe.AsPointer(ref b), 0, byteLength);

        internal static void ClearWithReferences(ref nint ip, nuint pointerSizeLength) =>
            Libc.memset(Unsafe.AsPointer(ref ip), 0, pointerSizeLength * (nuint)sizeof(nint));

        internal static void Fill(ref byte destination, byte value, nuint byteCount) =>
            Libc.memset(Unsafe.AsPointer(ref destination), value, byteCount);
    }
}
