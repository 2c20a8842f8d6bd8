using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>What a reverse lookup (address to names) found, before anything is packed for glibc.</summary>
public sealed class ReverseResult
{
    public ReverseResult(LookupOutcome outcome, List<byte[]> names, int errno = 0)
    {
        Outcome = outcome;
        Names = names;
        Errno = errno;
    }

    /// <summary>Addresses when some name was found (the name list is then not empty), else why not.</summary>
    public LookupOutcome Outcome { get; }

    /// <summary>The first is the answer's h_name, the others its aliases.</summary>
    public List<byte[]> Names { get; }

    public int Errno { get; }
}
