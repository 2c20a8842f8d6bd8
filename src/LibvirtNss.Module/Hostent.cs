using LibvirtNss.Core.Answers;

namespace LibvirtNss.Module;

/// <summary>struct hostent on LP64: h_name, h_aliases, int h_addrtype, int h_length, h_addr_list.</summary>
internal unsafe struct Hostent
{
    public ulong Name;
    public ulong Aliases;
    public int AddrType;
    public int Length;
    public ulong AddrList;

    public static void Fill(void* result, in HostentPlacement placement)
    {
        var hostent = (Hostent*)result;
        hostent->Name = placement.NameAddress;
        hostent->Aliases = placement.AliasesAddress;
        hostent->AddrType = placement.Family;
        hostent->Length = placement.AddressLength;
        hostent->AddrList = placement.AddressListAddress;
    }
}
