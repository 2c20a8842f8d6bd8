using System;
using LibvirtNss.Core;

namespace LibvirtNss.Module;

/// <summary>
/// The bodies behind the four reverse exports (gethostbyaddr{,2}_r): check the address, look it
/// up, pack the names. Status, errno and h_errno follow the forward lookups (NssAnswer); an
/// address whose length does not fit its family is UNAVAIL + EINVAL + NO_RECOVERY, as glibc's own
/// modules answer.
/// </summary>
internal static unsafe class AddressLookup
{
    private const int EINVAL = 22;

    public static NssStatus GetHostByAddr2(LookupKind kind, void* addr, uint len, int family, void* result,
        byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp)
    {
        try
        {
            if (family != AddressFamilies.Inet && family != AddressFamilies.Inet6)
                return NssAnswer.Fail(new LookupResult(LookupOutcome.FamilyNotSupported, new(), errno: 97 /* EAFNOSUPPORT */), errnop, herrnop);
            int length = AddressFamilies.AddressLength(family);
            if (addr == null || len != (uint)length)
                return NssAnswer.Fail(new LookupResult(LookupOutcome.DirectoryUnreadable, new(), errno: EINVAL), errnop, herrnop);
            var address = new ReadOnlySpan<byte>(addr, length);

            DecisionLog log = DebugOutput.Log;
            if (log.Enabled)
                log.Write($"{(kind == LookupKind.Hostname ? "libvirt" : "libvirt_guest")}: looking up address {new LeaseAddress(family, address, 0)}");
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            ReverseResult found = HostLookup.Leases.Reverse(kind, family, address, now, log);
            if (log.Enabled) log.Write($"answer: {found.Outcome}, {found.Names.Count} names");
            if (found.Outcome != LookupOutcome.Addresses)
                return NssAnswer.Fail(new LookupResult(found.Outcome, new(), found.Errno), errnop, herrnop);

            var span = new Span<byte>(buffer, (int)Math.Min(buflen, (nuint)int.MaxValue));
            if (!ReverseHostentPacker.TryPack(span, (ulong)buffer, found.Names, family, address, out HostentLayout layout))
            {
                if (log.Enabled) log.Write($"buffer of {buflen} bytes is too small, asking for a larger one");
                return NssAnswer.BufferTooSmall(errnop, herrnop);
            }
            Hostent.Fill(result, layout);
            if (ttlp != null) *ttlp = 0;
            return NssAnswer.Success(errnop, herrnop);
        }
        catch (Exception e)
        {
            return NssAnswer.InternalError(e, errnop, herrnop);
        }
    }
}
