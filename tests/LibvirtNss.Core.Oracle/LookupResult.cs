using System.Collections.Generic;

namespace LibvirtNss.Core;

public enum LookupOutcome
{
    /// <summary>Addresses of the asked family were found.</summary>
    Addresses,

    /// <summary>No unexpired lease matches the name.</summary>
    NoMatch,

    /// <summary>The name matched, but none of its leases has the asked family.</summary>
    NoAddressOfFamily,

    /// <summary>The lease directory cannot be read.</summary>
    DirectoryUnreadable,

    /// <summary>The asked family is neither AF_INET, AF_INET6 nor AF_UNSPEC.</summary>
    FamilyNotSupported,

    /// <summary>
    /// A domain-name lookup found no MAC for the domain in any <c>*.macs</c> file (unknown domain,
    /// empty MAC list, or no such files). Upstream answers UNAVAIL here, not NOTFOUND.
    /// </summary>
    DomainWithoutMacs,
}

/// <summary>What a lookup found, before anything is packed for glibc.</summary>
public sealed class LookupResult
{
    public LookupResult(LookupOutcome outcome, List<LeaseAddress> addresses, int errno = 0)
    {
        Outcome = outcome;
        Addresses = addresses;
        Errno = errno;
    }

    public LookupOutcome Outcome { get; }

    /// <summary>Latest expiry first; empty unless <see cref="Outcome"/> is Addresses.</summary>
    public List<LeaseAddress> Addresses { get; }

    /// <summary>The errno behind DirectoryUnreadable (ENOENT, EACCES, EIO, ...).</summary>
    public int Errno { get; }
}
