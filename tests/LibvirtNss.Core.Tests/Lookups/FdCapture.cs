using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>
/// What a writer wrote on a file descriptor, of any length. A whole lookup over a hostile
/// directory writes far more than a pipe's 64 KiB, and a pipe read only afterwards would block
/// its writer (PipeCapture): an anonymous memory file (memfd_create) never fills.
/// </summary>
internal static unsafe class FdCapture
{
    [DllImport("libc", EntryPoint = "memfd_create")] private static extern int MemfdCreate(byte* name, uint flags);
    [DllImport("libc", EntryPoint = "pread")] private static extern nint PRead(int fd, byte* buffer, nuint count, long offset);
    [DllImport("libc", EntryPoint = "close")] private static extern int Close(int fd);

    private const uint MFD_CLOEXEC = 1;

    public static byte[] Captured(Action<int> write)
    {
        byte* name = stackalloc byte[] { (byte)'l', (byte)'i', (byte)'n', (byte)'e', (byte)'s', 0 };
        int fd = MemfdCreate(name, MFD_CLOEXEC);
        if (fd < 0)
            throw new InvalidOperationException("memfd_create() failed");
        try
        {
            write(fd);
            var all = new List<byte>();
            byte* chunk = stackalloc byte[65536];
            long offset = 0;
            nint n;
            while ((n = PRead(fd, chunk, 65536, offset)) > 0)
            {
                all.AddRange(new ReadOnlySpan<byte>(chunk, (int)n).ToArray());
                offset += n;
            }
            return all.ToArray();
        }
        finally
        {
            Close(fd);
        }
    }
}
