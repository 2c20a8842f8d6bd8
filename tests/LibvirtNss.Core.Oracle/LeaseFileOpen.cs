using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LibvirtNss.Core;

/// <summary>
/// Opens a lease file for reading without ever blocking. File.OpenHandle calls open(2) without
/// O_NONBLOCK, and open(2) of a FIFO for reading waits for a writer: a FIFO named
/// <c>y.status</c> would hang every lookup of every process. .NET offers no way to pass
/// O_NONBLOCK, hence these libc calls. <see cref="TryGetSize"/> then tells a FIFO, socket or
/// terminal (not seekable) from a file.
/// </summary>
internal static class LeaseFileOpen
{
    private const int O_RDONLY = 0, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    private const int SEEK_END = 2;

    /// <summary>errno of lseek(2) on a FIFO, socket or terminal.</summary>
    public const int ESPIPE = 29;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static extern long Seek(SafeFileHandle fd, long offset, int whence);

    /// <returns>The open handle, or null with the errno of the failure.</returns>
    public static SafeFileHandle? TryOpen(string path, out int errno)
    {
        int fd = Open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>
    /// The size by lseek(fd, 0, SEEK_END): one call that also refuses what has no size (ESPIPE
    /// for a FIFO, a socket, a terminal). Reads go by offset (pread), so the position is moot.
    /// </summary>
    public static bool TryGetSize(SafeFileHandle handle, out long size, out int errno)
    {
        size = Seek(handle, 0, SEEK_END);
        errno = size < 0 ? Marshal.GetLastPInvokeError() : 0;
        return size >= 0;
    }
}
