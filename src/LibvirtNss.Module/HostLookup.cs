using System;
using LibvirtNss.Core;

namespace LibvirtNss.Module;

/// <summary>The bodies behind the eight forward exports: read the name, look it up, pack the answer.</summary>
internal static unsafe class HostLookup
{
    /// <summary>Longer names are not host names (RFC 1035 limits a name to 253 characters).</summary>
    private const int MaxNameBytes = 1024;

    /// <summary>
    /// The snapshot of the lease directory this process answers from (docs/lease-cache.md), built
    /// from the second lookup of a module name on: a process that resolves one name and exits
    /// (getent, ssh, sudo) reads the files once, as upstream does, and builds nothing. Reverse
    /// lookups (AddressLookup) answer from it too.
    /// </summary>
    internal static readonly LeaseCache Leases = new(LeaseDirectory.SystemPath, SnapshotFrom.SecondLookupOfAKind);

    public static NssStatus GetHostByName3(LookupKind kind, byte* name, int family, void* result, byte* buffer,
        nuint buflen, int* errnop, int* herrnop, int* ttlp, byte** canonp)
    {
        try
        {
            // As upstream: an answer carries one family, and AF_UNSPEC means AF_INET.
            if (family == AddressFamilies.Unspecified)
                family = AddressFamilies.Inet;
            if (!TryReadName(name, out byte[] nameBytes))
                return NssAnswer.Fail(new LookupResult(LookupOutcome.NoMatch, new()), errnop, herrnop);

            LookupResult found = Lookup(kind, nameBytes, family);
            if (found.Outcome != LookupOutcome.Addresses)
                return NssAnswer.Fail(found, errnop, herrnop);

            var span = new Span<byte>(buffer, (int)Math.Min(buflen, (nuint)int.MaxValue));
            if (!HostentPacker.TryPack(span, (ulong)buffer, nameBytes, family, found.Addresses, out HostentLayout layout))
            {
                if (DebugOutput.Log.Enabled) DebugOutput.Log.Write($"buffer of {buflen} bytes is too small, asking for a larger one");
                return NssAnswer.BufferTooSmall(errnop, herrnop);
            }

            Hostent.Fill(result, layout);
            if (ttlp != null) *ttlp = 0;
            if (canonp != null) *canonp = (byte*)layout.NameAddress;
            return NssAnswer.Success(errnop, herrnop);
        }
        catch (Exception e)
        {
            return NssAnswer.InternalError(e, errnop, herrnop);
        }
    }

    public static NssStatus GetHostByName4(LookupKind kind, byte* name, void** pat, byte* buffer, nuint buflen,
        int* errnop, int* herrnop, int* ttlp)
    {
        try
        {
            if (!TryReadName(name, out byte[] nameBytes))
                return NssAnswer.Fail(new LookupResult(LookupOutcome.NoMatch, new()), errnop, herrnop);

            LookupResult found = Lookup(kind, nameBytes, AddressFamilies.Unspecified);
            if (found.Outcome != LookupOutcome.Addresses)
                return NssAnswer.Fail(found, errnop, herrnop);

            var span = new Span<byte>(buffer, (int)Math.Min(buflen, (nuint)int.MaxValue));
            if (!AddrTuplePacker.TryPack(span, (ulong)buffer, nameBytes, found.Addresses, out ulong first, out _))
            {
                if (DebugOutput.Log.Enabled) DebugOutput.Log.Write($"buffer of {buflen} bytes is too small, asking for a larger one");
                return NssAnswer.BufferTooSmall(errnop, herrnop);
            }

            // glibc passes *pat == NULL and reads the chain; a caller with a tuple of its own gets the first copied in.
            if (*pat != null)
                Buffer.MemoryCopy((void*)first, *pat, AddrTuplePacker.TupleSize, AddrTuplePacker.TupleSize);
            else
                *pat = (void*)first;
            if (ttlp != null) *ttlp = 0;
            return NssAnswer.Success(errnop, herrnop);
        }
        catch (Exception e)
        {
            return NssAnswer.InternalError(e, errnop, herrnop);
        }
    }

    private static LookupResult Lookup(LookupKind kind, byte[] name, int family)
    {
        DecisionLog log = DebugOutput.Log;
        if (log.Enabled)
            log.Write($"{(kind == LookupKind.Hostname ? "libvirt" : "libvirt_guest")}: looking up {AsciiText.Printable(name)}, family {family}");
#if FAULT_INJECTION
        FaultInjection.Trigger(name);
#endif
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        LookupResult result = Leases.Lookup(kind, name, family, now, log);
        if (log.Enabled) log.Write($"answer: {result.Outcome}, {result.Addresses.Count} addresses");
        return result;
    }

    private static bool TryReadName(byte* name, out byte[] bytes)
    {
        bytes = Array.Empty<byte>();
        if (name == null)
            return false;
        int length = 0;
        while (length <= MaxNameBytes && name[length] != 0)
            length++;
        if (length > MaxNameBytes)
            return false;
        bytes = new ReadOnlySpan<byte>(name, length).ToArray();
        return true;
    }
}
