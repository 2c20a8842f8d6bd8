using System;
using LibvirtNss.Core;
using LibvirtNss.Core.Answers;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Snapshot;

namespace LibvirtNss.Module;

/// <summary>
/// One gethostbyaddr{,2}_r call: check the address, look it up, pack the names. Status, errno and
/// h_errno follow the forward lookups; an address whose length does not fit its family is
/// UNAVAIL + EINVAL + NO_RECOVERY, as glibc's own modules answer.
/// </summary>
internal unsafe struct ReverseCall
{
    private const int EINVAL = 22;

    public LookupKind Kind;
    public void* Address;
    public uint Length;
    public int Family;
    public void* Result;
    public byte* Buffer;
    public nuint BufferLength;
    public int* Errnop, Herrnop, Ttlp;
    public LookupMemory Memory;

    public static int Body(ReverseCall* call)
    {
        int family = call->Family;
        if (family != AddressFamilies.Inet && family != AddressFamilies.Inet6)
            return (int)NssReply.Fail(LookupStatus.FamilyNotSupported, Errno.EAFNOSUPPORT, call->Errnop, call->Herrnop);
        int length = AddressFamilies.AddressLength(family);
        if (call->Address == null || call->Length != (uint)length)
            return (int)NssReply.Fail(LookupStatus.DirectoryUnreadable, EINVAL, call->Errnop, call->Herrnop);
        var address = new ReadOnlySpan<byte>(call->Address, length);

        DebugLog log = DebugLog.FromEnvironment();
        if (log.Enabled) LookingUp(log, call->Kind, new IpAddress(family, address));
        ReverseAnswer found;
        fixed (byte* directory = LeaseDirectoryPath.Bytes)
        {
            found = SnapshotCache.Reverse(ModuleCache.Get(), directory, call->Kind, family, address, ModuleLibc.Time(null),
                ref call->Memory, log);
        }
        if (log.Enabled) ExportLines.Answer(log, found.Status, found.Count, " names"u8);
        if (found.Status != LookupStatus.Found)
            return (int)NssReply.Fail(found.Status, found.Errno, call->Errnop, call->Herrnop);

        var buffer = new Span<byte>(call->Buffer, call->BufferLength > int.MaxValue ? int.MaxValue : (int)call->BufferLength);
        if (!ReverseHostentAnswer.TryPack(buffer, (ulong)call->Buffer, new ReadOnlySpan<byte>(found.Text, found.TextLength),
                new ReadOnlySpan<TextRange>(found.Names, found.Count), family, address, out HostentPlacement placement))
            return (int)ExportLines.BufferTooSmall(log, call->BufferLength, call->Errnop, call->Herrnop);
        Hostent.Fill(call->Result, placement);
        if (call->Ttlp != null)
            *call->Ttlp = 0;
        return (int)NssReply.Success(call->Errnop, call->Herrnop);
    }

    private static void LookingUp(DebugLog log, LookupKind kind, in IpAddress address)
    {
        DebugLine line = log.Start(stackalloc byte[256]);
        line.AppendLiteral(kind == LookupKind.Hostname ? "libvirt: looking up address "u8 : "libvirt_guest: looking up address "u8);
        line.Append(address);
        line.End();
    }
}
