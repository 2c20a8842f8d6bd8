// The libc functions the system library itself calls. Every one is bound at link time
// (ilc --directpinvoke:libc: no dlopen/dlsym at run time) and called without a GC transition
// ([SuppressGCTransition]: there is no GC), so each call is a plain `call` into libc.so.6.
// Internal: the code compiled against this library declares its own libc imports.

using System.Runtime.InteropServices;

namespace LibvirtNss.ZeroRuntime
{
    internal static unsafe class Libc
    {
        [DllImport("libc"), SuppressGCTransition] internal static extern void* malloc(nuint size);
        [DllImport("libc"), SuppressGCTransition] internal static extern void* realloc(void* pointer, nuint size);
        [DllImport("libc"), SuppressGCTransition] internal static extern void free(void* pointer);
        [DllImport("libc"), SuppressGCTransition] internal static extern void* memmove(void* destination, void* source, nuint count);
        [DllImport("libc"), SuppressGCTransition] internal static extern void* memchr(void* start, int value, nuint count);
        [DllImport("libc"), SuppressGCTransition] internal static extern void* memrchr(void* start, int value, nuint count);
        [DllImport("libc"), SuppressGCTransition] internal static extern int* __errno_location();
        [DllImport("libc"), SuppressGCTransition] internal static extern void abort();

        // Fault recovery (FaultRecovery.cs). _setjmp saves no signal mask (no system call);
        // longjmp restores none, matching it.
        [DllImport("libc"), SuppressGCTransition] internal static extern int _setjmp(void* environment);
        [DllImport("libc"), SuppressGCTransition] internal static extern void longjmp(void* environment, int value);
        [DllImport("libc"), SuppressGCTransition] internal static extern int pthread_key_create(uint* key, void* destructor);
        [DllImport("libc"), SuppressGCTransition] internal static extern int pthread_key_delete(uint key);
        [DllImport("libc"), SuppressGCTransition] internal static extern void* pthread_getspecific(uint key);
        [DllImport("libc"), SuppressGCTransition] internal static extern int pthread_setspecific(uint key, void* value);
    }
}
