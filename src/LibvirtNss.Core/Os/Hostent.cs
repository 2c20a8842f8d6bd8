using System.Runtime.InteropServices;

namespace LibvirtNss.Core.Os;

/// <summary>
/// glibc's <c>struct hostent</c> (resolv/netdb.h) on LP64: <c>char *h_name; char **h_aliases;
/// int h_addrtype; int h_length; char **h_addr_list;</c> (32 bytes). The caller of
/// gethostbyname{,2,3}_r and gethostbyaddr{,2}_r owns it; the module fills it with pointers into
/// the caller's buffer.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct Hostent
{
    public const int Size = 32;

    public byte* Name;
    public byte** Aliases;
    public int AddrType;
    public int Length;
    public byte** AddrList;
}
