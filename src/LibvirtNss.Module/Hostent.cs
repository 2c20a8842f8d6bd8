using LibvirtNss.Core;

namespace LibvirtNss.Module;

/// <summary>struct hostent on LP64: h_name, h_aliases, int h_addrtype, int h_length, h_addr_list.</summary>
internal unsafe struct Hostent
{
    public ulong Name;
    public ulong Aliases;
    public int AddrType;
    public int Length;
    public ulong AddrList;

    public static void Fill(void* result, HostentLayout layout)
    {
        var hostent = (Hostent*)result;
        hostent->Name = layout.NameAddress;
        hostent->Aliases = layout.AliasesAddress;
        hostent->AddrType = layout.Family;
        hostent->Length = layout.AddressLength;
        hostent->AddrList = layout.AddressListAddress;
    }
}
