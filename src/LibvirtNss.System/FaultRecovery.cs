// Fault recovery: what stands in for `catch (Exception)` around an export's body. Without a
// runtime nothing can be thrown, so every would-be exception (a failed span bounds check, a
// `checked` overflow, a failed allocation: ThrowHelpers.cs, RuntimeExports.cs, NativeMemory.cs)
// calls Fault.Raise, which longjmps back to the recovery point the export took
// on entry (Fault.TryRun); TryRun returns false and the export answers for the failed body (the
// NSS module: NSS_STATUS_UNAVAIL) instead of the process crashing, and the next call works as before.
//
// Why the jump is safe: it abandons the frames between the recovery point and the fault, and
// in the subset those frames own nothing that needs unwinding. There is no GC (no roots to
// unregister; the transition helpers around P/Invokes and exports are no-ops), no finally
// blocks, no `using`, no locks (the subset has no Monitor), no class constructors at all (the
// build refuses them), no pthread cleanup handlers (which glibc's longjmp would run).
// What the abandoned frames may leave behind is the module's own business: memory from
// NativeMemory.Alloc that they had not freed yet (a leak, not a corruption) and half-written
// output buffers (the NSS caller ignores them on NSS_STATUS_UNAVAIL). Code that must not leak
// frees through structures the export owns, or allocates nothing inside a guarded body.
//
// Per thread: the innermost recovery point of a thread is kept in a pthread key (libc's
// thread-specific data: the C# subset has no [ThreadStatic] without a runtime). The key is made
// on first use with a compare-and-swap (two threads racing each make one; the loser deletes
// its own), has no destructor (its value is non-null only while a guarded body runs, so a
// thread that exits leaves nothing behind), and is never deleted (glibc does not unload NSS
// modules; a library that is unloaded leaks one key).
// A recovery point is a jmp_buf on the guarding method's own stack, linked to the one it
// encloses, so guarded calls nest (an export that calls another, a signal handler that looks a
// name up) and each returns to the right frame.
//
// Why it is correct although the JIT does not know that _setjmp returns twice: TryRun calls
// _setjmp directly in its own frame (an inlined, transition-free P/Invoke: a plain `call`), then
// changes no local variable before the body runs; its locals are then either in callee-saved
// registers (longjmp restores them to their values at _setjmp, which are still current) or in
// its stack frame (intact: the body ran below it). The recovery point itself is read through
// memory after the jump. TryRun is never inlined, so this shape cannot be disturbed by a caller.
// make check-zr-smoke checks the generated code: the `call _setjmp` is in TryRun itself.
//
// Not recovered: hardware faults. A wild pointer or a null dereference is SIGSEGV, exactly as in
// C; the module installs no signal handler in someone else's process. With no recovery point
// on the thread (a fault outside any guarded body) there is nowhere sane to go: Raise aborts.
//
// errno: TryRun's false comes with errno saying why, for the export to report: EIO (Fault.Errno)
// for a failed check, ENOMEM for a failed allocation; EAGAIN if no pthread key could be made,
// ENOMEM if the key could not hold the recovery point (the body did not run). What an export
// answers for it is the export's own business: this library knows no NSS status.

using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace LibvirtNss.ZeroRuntime
{
    public static unsafe class Fault
    {
        // errno values (Linux numbering): a failed check (EIO), a failed allocation, no pthread key.
        internal const int Errno = 5;
        internal const int ENOMEM = 12;
        internal const int EAGAIN = 11;

        // glibc's jmp_buf is 200 bytes on x86-64 and 312 on aarch64: 320 covers both.
        private struct JumpBuffer
        {
            public fixed ulong Words[40];
        }

        private struct RecoveryPoint
        {
            public JumpBuffer Jump;
            public RecoveryPoint* Enclosing;
            public int Errno;
        }

        // The pthread key plus one; 0 until the first guarded call made it.
        private static int s_keyPlusOne;

        /// <summary>
        /// Runs body(state) under a recovery point. True with the body's result; false if the
        /// body faulted (errno is then Errno or ENOMEM) or no recovery point could be made
        /// (errno EAGAIN or ENOMEM; the body did not run), with result 0.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static bool TryRun(delegate*<void*, int> body, void* state, out int result)
        {
            uint key;
            if (!TryGetKey(&key))
            {
                *Libc.__errno_location() = EAGAIN;
                result = 0;
                return false;
            }

            RecoveryPoint point;
            point.Enclosing = (RecoveryPoint*)Libc.pthread_getspecific(key);
            point.Errno = 0;
            if (Libc._setjmp(&point.Jump) != 0)
            {
                // Back from Raise (longjmp): the body's frames are gone; answer for them.
                RecoveryPoint* self = &point;
                Libc.pthread_setspecific(key, self->Enclosing);
                *Libc.__errno_location() = self->Errno;
                result = 0;
                return false;
            }
            if (Libc.pthread_setspecific(key, &point) != 0)
            {
                // Keys past the first 32 may need memory to hold a value: without one, no body.
                *Libc.__errno_location() = ENOMEM;
                result = 0;
                return false;
            }
            int value = body(state);
            Libc.pthread_setspecific(key, point.Enclosing);
            result = value;
            return true;
        }

        /// <summary>TryRun with a typed state.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryRun<T>(delegate*<T*, int> body, T* state, out int result) where T : unmanaged =>
            TryRun((delegate*<void*, int>)body, state, out result);

        /// <summary>True while a guarded body runs on this thread.</summary>
        public static bool IsGuarded
        {
            get
            {
                int keyPlusOne = Volatile.Read(ref s_keyPlusOne);
                return keyPlusOne != 0 && Libc.pthread_getspecific((uint)(keyPlusOne - 1)) != null;
            }
        }

        /// <summary>
        /// Leaves the innermost guarded body of this thread: its TryRun returns false with
        /// errno = <paramref name="errno"/>. Aborts the process if no body is guarded.
        /// </summary>
        [DoesNotReturn]
        public static void Raise(int errno)
        {
            int keyPlusOne = Volatile.Read(ref s_keyPlusOne);
            RecoveryPoint* point = keyPlusOne == 0 ? null : (RecoveryPoint*)Libc.pthread_getspecific((uint)(keyPlusOne - 1));
            if (point != null)
            {
                point->Errno = errno;
                Libc.longjmp(&point->Jump, 1);
            }
            Libc.abort();
            while (true) { }
        }

        private static bool TryGetKey(uint* key)
        {
            int keyPlusOne = Volatile.Read(ref s_keyPlusOne);
            if (keyPlusOne == 0)
            {
                uint made;
                if (Libc.pthread_key_create(&made, null) != 0)
                    return false;
                keyPlusOne = Interlocked.CompareExchange(ref s_keyPlusOne, (int)made + 1, 0);
                if (keyPlusOne == 0)
                    keyPlusOne = (int)made + 1;
                else
                    Libc.pthread_key_delete(made); // another thread's key won
            }
            *key = (uint)(keyPlusOne - 1);
            return true;
        }
    }
}
