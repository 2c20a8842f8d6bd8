using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Lookups;

/// <summary>How a lookup over the lease directory ended (the module maps each to glibc's status, errno and h_errno).</summary>
public enum LookupStatus
{
    /// <summary>Addresses (forward) or names (reverse) were found.</summary>
    Found,
    /// <summary>No unexpired lease nor reserved host answers.</summary>
    NoMatch,
    /// <summary>The name matched, but none of its addresses has the asked family.</summary>
    NoAddressOfFamily,
    /// <summary><c>libvirt_guest</c>: no <c>*.macs</c> file names a MAC of the domain.</summary>
    DomainWithoutMacs,
    /// <summary>Neither AF_INET, AF_INET6 nor (forward) AF_UNSPEC: errno EAFNOSUPPORT.</summary>
    FamilyNotSupported,
    /// <summary>The directory could not be listed: errno tells why.</summary>
    DirectoryUnreadable,
    /// <summary>The lookup's memory could not hold its lists: errno ENOMEM.</summary>
    OutOfMemory,
    /// <summary>The question itself is malformed (a reverse address whose length does not fit its family): errno EINVAL.</summary>
    InvalidArgument,
}

/// <summary>A forward lookup's answer: the addresses, in the lookup's arena.</summary>
public unsafe struct ForwardAnswer
{
    public LookupStatus Status;
    public int Errno;
    public IpAddress* Addresses;
    public int Count;

    public static ForwardAnswer Failed(LookupStatus status, int errno) => new() { Status = status, Errno = errno };

    /// <summary>Whether the answer gives <paramref name="address"/> (a reverse lookup's confirmation).</summary>
    public readonly bool Includes(in IpAddress address)
    {
        for (int i = 0; Status == LookupStatus.Found && i < Count; i++)
        {
            if (Addresses[i].SameAs(address))
                return true;
        }
        return false;
    }
}

/// <summary>A reverse lookup's answer: the names, h_name first, in the lookup's arena.</summary>
public unsafe struct ReverseAnswer
{
    public LookupStatus Status;
    public int Errno;
    public byte* Text;
    public int TextLength;
    public TextRange* Names;
    public int Count;

    public static ReverseAnswer Failed(LookupStatus status, int errno) => new() { Status = status, Errno = errno };
}
