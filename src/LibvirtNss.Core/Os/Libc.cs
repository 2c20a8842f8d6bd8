using System.Runtime.InteropServices;

namespace LibvirtNss.Core.Os;

/// <summary>
/// The libc calls of the subset Core, bound by plain DllImport with blittable arguments only: the
/// same declaration binds through the .NET runtime (CLI, tests) and directly (the zero-runtime
/// module, linked against libc.so.6).
/// </summary>
internal static unsafe class Libc
{
    public const nuint AT_SECURE = 23;

    /// <summary>NULL in a setuid or setgid process (AT_SECURE), as glibc's secure_getenv does.</summary>
    [DllImport("libc", EntryPoint = "secure_getenv")]
    public static extern byte* SecureGetEnv(byte* name);

    [DllImport("libc", EntryPoint = "getauxval")]
    public static extern nuint GetAuxVal(nuint type);

    [DllImport("libc", EntryPoint = "write")]
    public static extern nint Write(int fd, byte* buffer, nuint count);

    [DllImport("libc", EntryPoint = "__errno_location")]
    public static extern int* ErrnoLocation();
}
