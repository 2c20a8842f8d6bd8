using System.Runtime.InteropServices;

namespace LibvirtNss.Core.Os;

/// <summary>
/// glibc's <c>struct gaih_addrtuple</c> (include/nss.h) on LP64: <c>struct gaih_addrtuple *next;
/// char *name; int family; uint32_t addr[4]; uint32_t scopeid;</c> (40 bytes), the chain
/// gethostbyname4_r answers with. The packer writes it into the caller's buffer through these
/// offsets; the struct gives them a type the tests can hold against the compiler's layout.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct GaihAddrTuple
{
    public const int Size = 40;
    public const int NextOffset = 0, NameOffset = 8, FamilyOffset = 16, AddrOffset = 20, AddrLength = 16, ScopeIdOffset = 36;

    [FieldOffset(NextOffset)] public GaihAddrTuple* Next;
    [FieldOffset(NameOffset)] public byte* Name;
    [FieldOffset(FamilyOffset)] public int Family;
    [FieldOffset(AddrOffset)] public fixed uint Addr[4];
    [FieldOffset(ScopeIdOffset)] public uint ScopeId;
}
