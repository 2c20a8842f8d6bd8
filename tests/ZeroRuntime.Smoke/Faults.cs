// Smoke exports: fault recovery. Each runs its body under Guarded.Run (Fault.TryRun), as the
// module's NSS exports run theirs: a failed check inside comes back as NSS_STATUS_UNAVAIL (-1)
// with *errnop set, and the next call works. smoke-host.c checks the answers, also from several
// threads at once.

using System;
using System.Runtime.InteropServices;
using LibvirtNss.ZeroRuntime;

namespace ZeroRuntime.Smoke;

internal static unsafe class Faults
{
    private struct IndexCall
    {
        public byte* Data;
        public int Length;
        public int Index;
    }

    private static int Index(IndexCall* call) => new ReadOnlySpan<byte>(call->Data, call->Length)[call->Index];

    // data[index] through a bounds-checked span; out of range: -1, *errnop = EIO, *herrnop = NO_RECOVERY.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_index")]
    public static int GuardedIndex(byte* data, int length, int index, int* errnop, int* herrnop)
    {
        IndexCall call = new IndexCall { Data = data, Length = length, Index = index };
        return Guarded.Run(&Index, &call, Guarded.NssStatusUnavail, errnop, herrnop);
    }

    private struct SliceCall
    {
        public int Length;
        public int Start;
        public int Count;
    }

    private static int Slice(SliceCall* call)
    {
        Span<byte> buffer = stackalloc byte[16];
        buffer.Fill(1);
        Span<byte> span = buffer.Slice(0, call->Length);
        return span.Slice(call->Start, call->Count).Length;
    }

    // A Slice of a stackalloc'd span: the slice's length, or -1 if it is out of range.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_slice")]
    public static int GuardedSlice(int length, int start, int count, int* errnop)
    {
        SliceCall call = new SliceCall { Length = length, Start = start, Count = count };
        return Guarded.Run(&Slice, &call, Guarded.NssStatusUnavail, errnop, null);
    }

    private struct Arithmetic
    {
        public int A;
        public int B;
        public int Operation;
    }

    private static int Compute(Arithmetic* call) =>
        call->Operation == 0 ? checked(call->A * call->B) : call->A / call->B;

    // checked(a * b) (operation 0) or a / b (operation 1); overflow or division by zero: -1.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_arith")]
    public static int GuardedArithmetic(int a, int b, int operation, int* errnop)
    {
        Arithmetic call = new Arithmetic { A = a, B = b, Operation = operation };
        return Guarded.Run(&Compute, &call, Guarded.NssStatusUnavail, errnop, null);
    }

    private struct NestedCall
    {
        public int InnerErrno;
        public int InnerOk;
        public int GuardedInside;
    }

    private static int Inner(NestedCall* call) => new ReadOnlySpan<byte>(null, 0)[call->InnerOk];

    private static int Outer(NestedCall* call)
    {
        call->GuardedInside = Fault.IsGuarded ? 1 : 0;
        int innerErrno = 0;
        int inner = Guarded.Run(&Inner, call, -7, &innerErrno, null);
        call->InnerErrno = innerErrno;
        // After the inner fault, the outer guard still holds: this index faults to the outer one
        // when asked to (InnerOk == 1 means "fault here too").
        Span<byte> one = stackalloc byte[1];
        one[0] = 5;
        return inner * 100 + one[call->InnerOk];
    }

    // A guard inside a guard: the inner fault returns to the inner guard (-7), the outer body
    // goes on; fault == 1 faults the outer body too (-1). Outside any body, IsGuarded is false.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_nested")]
    public static int Nested(int fault, int* innerErrno, int* guardedInside, int* guardedOutside)
    {
        NestedCall call = new NestedCall { InnerOk = fault };
        int result = Guarded.Run(&Outer, &call, Guarded.NssStatusUnavail, null, null);
        *innerErrno = call.InnerErrno;
        *guardedInside = call.GuardedInside;
        *guardedOutside = Fault.IsGuarded ? 1 : 0;
        return result;
    }

    // The same index with no guard: a fault with no recovery point aborts the process
    // (smoke-host.c runs it in a child and expects SIGABRT).
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_unguarded_index")]
    public static int UnguardedIndex(byte* data, int length, int index) => new ReadOnlySpan<byte>(data, length)[index];
}
