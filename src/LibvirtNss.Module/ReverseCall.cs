using System;
using LibvirtNss.Core;
using LibvirtNss.Core.Answers;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Os;
using LibvirtNss.Core.Snapshot;

namespace LibvirtNss.Module;

/// <summary>
/// One gethostbyaddr{,2}_r call: check the address, look it up, pack the names. Status, errno and
/// h_errno follow the forward lookups; a family other than AF_INET and AF_INET6 is
/// FamilyNotSupported (EAFNOSUPPORT), an address whose length does not fit its family
/// InvalidArgument (EINVAL), both before any file is read.
/// </summary>
internal unsafe struct ReverseCall
{
    public LookupKind Kind;
    public void* Address;
    public uint Length;
    public int Family;
    public Hostent* Result;
    public byte* Buffer;
    public nuint BufferLength;
    public int* Ttlp;
    public LookupMemory Memory;
    public NssReply Reply;

    /// <summary>The body Fault.TryRun runs: the reply goes to <see cref="Reply"/>.</summary>
    public static int Body(ReverseCall* call)
    {
        call->Reply = Run(call);
        return 0;
    }

    private static NssReply Run(ReverseCall* call)
    {
        DebugLog log = DebugLog.FromEnvironment();
        int family = call->Family;
        LookupStatus malformed = family != AddressFamilies.Inet && family != AddressFamilies.Inet6
            ? LookupStatus.FamilyNotSupported
            : call->Address == null || call->Length != (uint)AddressFamilies.AddressLength(family)
                ? LookupStatus.InvalidArgument
                : LookupStatus.Found;
        if (malformed != LookupStatus.Found)
        {
            if (log.Enabled)
            {
                LookingUpMalformed(log, call->Kind, family, call->Length);
                ExportLines.Answer(log, malformed, 0, " names"u8);
            }
            return NssReply.Fail(malformed, malformed == LookupStatus.FamilyNotSupported ? Errno.EAFNOSUPPORT : Errno.EINVAL);
        }
        int length = AddressFamilies.AddressLength(family);
        var address = new ReadOnlySpan<byte>(call->Address, length);

        if (log.Enabled) LookingUp(log, call->Kind, new IpAddress(family, address));
        ReverseAnswer found;
        fixed (byte* directory = LeaseDirectoryPath.Bytes)
        fixed (byte* published = PublishedDirectoryPath.Bytes)
        {
            found = SnapshotCache.Reverse(ModuleCache.Get(), directory, new AddressQuery(call->Kind, new IpAddress(family, address), Libc.WallClockSeconds(), log), ref call->Memory, published);
        }
        if (log.Enabled) ExportLines.Answer(log, found.Status, found.Count, " names"u8);
        if (found.Status != LookupStatus.Found)
            return NssReply.Fail(found.Status, found.Errno);

        var buffer = new Span<byte>(call->Buffer, call->BufferLength > int.MaxValue ? int.MaxValue : (int)call->BufferLength);
        if (!ReverseHostentAnswer.TryPack(buffer, (ulong)call->Buffer, new ReadOnlySpan<byte>(found.Text, found.TextLength),
                new ReadOnlySpan<TextRange>(found.Names, found.Count), family, address, out HostentPlacement placement))
            return ExportLines.BufferTooSmall(log, call->BufferLength);
        placement.WriteTo(call->Result);
        if (call->Ttlp != null)
            *call->Ttlp = 0;
        return NssReply.Success();
    }

    private static void LookingUp(DebugLog log, LookupKind kind, in IpAddress address)
    {
        log.Write("{}: looking up address {}"u8, DebugArg.Words(ForwardCall.ModuleName(kind)), address);
    }

    // An address that cannot be printed as one: its family and length instead.
    private static void LookingUpMalformed(DebugLog log, LookupKind kind, int family, uint length)
    {
        log.Write("{}: looking up an address of family {}, {} bytes"u8, DebugArg.Words(ForwardCall.ModuleName(kind)), family, (long)length);
    }
}
