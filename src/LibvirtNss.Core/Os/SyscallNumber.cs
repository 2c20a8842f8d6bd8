namespace LibvirtNss.Core.Os;

/// <summary>
/// The Linux system call numbers the module makes through syscall(3) (<see cref="Libc"/>): the
/// kernel's arch/x86/entry/syscalls/syscall_64.tbl on x86_64, include/uapi/asm-generic/unistd.h
/// on aarch64. The module's build says which (TARGET_ARM64 for aarch64).
/// </summary>
internal static class SyscallNumber
{
#if TARGET_ARM64
    public const int GetDents64 = 61, LSeek = 62, Write = 64, PRead64 = 67, OpenAt = 56, Close = 57, Uname = 160, Statx = 291;
#else
    public const int Write = 1, Close = 3, LSeek = 8, PRead64 = 17, Uname = 63, GetDents64 = 217, OpenAt = 257, Statx = 332;
#endif
}
