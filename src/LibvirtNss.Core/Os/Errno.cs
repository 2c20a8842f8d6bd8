namespace LibvirtNss.Core.Os;

/// <summary>
/// Every errno value the project names, in Linux's numbering (include/uapi/asm-generic/errno-base.h
/// and errno.h: the same on x86_64 and aarch64). Core reports them, the module hands them to glibc
/// in *errnop, the command describes them.
/// </summary>
public static class Errno
{
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int ENXIO = 6;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;
    public const int EMFILE = 24;
    public const int ESPIPE = 29;
    public const int ERANGE = 34;
    public const int EAFNOSUPPORT = 97;
}
