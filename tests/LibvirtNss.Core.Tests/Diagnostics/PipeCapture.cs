using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace LibvirtNss.Core.Tests.Diagnostics;

/// <summary>
/// What a writer wrote on a pipe: debug lines go to a file descriptor, not to a string. Also
/// linked into tests/LibvirtNss.TwoWorlds.
/// </summary>
internal static unsafe class PipeCapture
{
    [DllImport("libc", EntryPoint = "pipe")] private static extern int Pipe(int* fds);
    [DllImport("libc", EntryPoint = "read")] private static extern nint Read(int fd, byte* buffer, nuint count);
    [DllImport("libc", EntryPoint = "close")] private static extern int Close(int fd);
    [DllImport("libc", EntryPoint = "memfd_create")] private static extern int MemfdCreate(byte* name, uint flags);
    [DllImport("libc", EntryPoint = "lseek")] private static extern long Seek(int fd, long offset, int whence);

    /// <summary>The bytes <paramref name="write"/> wrote on the pipe's write end (at most its 64 KiB).</summary>
    public static byte[] Captured(Action<int> write)
    {
        int* fds = stackalloc int[2];
        if (Pipe(fds) != 0)
            throw new InvalidOperationException("pipe() failed");
        write(fds[1]);
        Close(fds[1]);
        var all = new List<byte>();
        byte* chunk = stackalloc byte[4096];
        nint n;
        while ((n = Read(fds[0], chunk, 4096)) > 0)
            all.AddRange(new ReadOnlySpan<byte>(chunk, (int)n).ToArray());
        Close(fds[0]);
        return all.ToArray();
    }

    /// <summary>
    /// The bytes <paramref name="write"/> wrote on a memory file (memfd): for writers of more than a
    /// pipe holds (a whole lookup's debug lines), which would block on a pipe nobody reads yet.
    /// </summary>
    public static byte[] CapturedInFile(Action<int> write)
    {
        byte* name = stackalloc byte[] { (byte)'c', 0 };
        int fd = MemfdCreate(name, 1 /* MFD_CLOEXEC */);
        if (fd < 0)
            throw new InvalidOperationException("memfd_create() failed");
        write(fd);
        Seek(fd, 0, 0);
        var all = new List<byte>();
        byte* chunk = stackalloc byte[4096];
        nint n;
        while ((n = Read(fd, chunk, 4096)) > 0)
            all.AddRange(new ReadOnlySpan<byte>(chunk, (int)n).ToArray());
        Close(fd);
        return all.ToArray();
    }
}
