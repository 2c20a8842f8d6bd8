using System;
using LibvirtNss.Core;
using LibvirtNss.Core.Answers;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Os;
using LibvirtNss.Core.Snapshot;

namespace LibvirtNss.Module;

/// <summary>
/// One gethostbyname{,2,3,4}_r call: read the name, look it up, pack the answer into the
/// caller's buffer as a struct hostent or a chain of gaih_addrtuple. The call's state, its lookup
/// memory and its reply included, lives in the export's frame: the memory is released after the
/// body returns, also when a fault ended it (Exports), and the export hands the reply to glibc.
/// </summary>
internal unsafe struct ForwardCall
{
    /// <summary>Longer names are not host names (RFC 1035 limits a name to 253 characters).</summary>
    private const int MaxNameBytes = 1024;

    public LookupKind Kind;
    public byte* Name;
    public int Family;
    /// <summary>gethostbyname4_r: answer with address tuples (*Pat), not a hostent (Result).</summary>
    public bool Tuples;
    public Hostent* Result;
    public GaihAddrTuple** Pat;
    public byte* Buffer;
    public nuint BufferLength;
    public int* Ttlp;
    public byte** Canonp;
    public LookupMemory Memory;
    public NssReply Reply;

    /// <summary>The body Fault.TryRun runs: the reply goes to <see cref="Reply"/>.</summary>
    public static int Body(ForwardCall* call)
    {
        call->Reply = Run(call);
        return 0;
    }

    private static NssReply Run(ForwardCall* call)
    {
        // As upstream: a hostent carries one family, and AF_UNSPEC means AF_INET; tuples carry both.
        int family = call->Tuples ? AddressFamilies.Unspecified
            : call->Family == AddressFamilies.Unspecified ? AddressFamilies.Inet : call->Family;
        if (!TryReadName(call->Name, out int length))
            return NssReply.Fail(LookupStatus.NoMatch, 0);
        var name = new ReadOnlySpan<byte>(call->Name, length);

        DebugLog log = DebugLog.FromEnvironment();
        if (log.Enabled) LookingUp(log, call->Kind, name, family);
#if FAULT_INJECTION
        FaultInjection.Trigger(name);
#endif
        ForwardAnswer found;
        fixed (byte* directory = LeaseDirectoryPath.Bytes)
        fixed (byte* published = PublishedDirectoryPath.Bytes)
        {
            found = SnapshotCache.Lookup(ModuleCache.Get(), directory, new NameQuery(call->Kind, name, family, Libc.WallClockSeconds(), log), ref call->Memory, published);
        }
        if (log.Enabled) ExportLines.Answer(log, found.Status, found.Count, " addresses"u8);
        if (found.Status != LookupStatus.Found)
            return NssReply.Fail(found.Status, found.Errno);

        var buffer = new Span<byte>(call->Buffer, call->BufferLength > int.MaxValue ? int.MaxValue : (int)call->BufferLength);
        var addresses = new ReadOnlySpan<Core.Entries.IpAddress>(found.Addresses, found.Count);
        if (call->Tuples)
        {
            if (!AddrTupleAnswer.TryPack(buffer, (ulong)call->Buffer, name, addresses, out ulong first, out _))
                return ExportLines.BufferTooSmall(log, call->BufferLength);
            // glibc passes *pat == NULL and reads the chain; a caller with a tuple of its own gets the first copied in.
            if (*call->Pat != null)
                **call->Pat = *(GaihAddrTuple*)first;
            else
                *call->Pat = (GaihAddrTuple*)first;
        }
        else
        {
            if (!HostentAnswer.TryPack(buffer, (ulong)call->Buffer, name, family, addresses, out HostentPlacement placement))
                return ExportLines.BufferTooSmall(log, call->BufferLength);
            placement.WriteTo(call->Result);
            if (call->Canonp != null)
                *call->Canonp = (byte*)placement.NameAddress;
        }
        if (call->Ttlp != null)
            *call->Ttlp = 0;
        return NssReply.Success();
    }

    private static bool TryReadName(byte* name, out int length)
    {
        length = 0;
        if (name == null)
            return false;
        while (length <= MaxNameBytes && name[length] != 0)
            length++;
        return length <= MaxNameBytes;
    }

    private static void LookingUp(DebugLog log, LookupKind kind, ReadOnlySpan<byte> name, int family)
    {
        log.Write("{}: looking up {}, family {}"u8, DebugArg.Words(ModuleName(kind)), DebugArg.Quoted(name), family);
    }

    /// <summary>The module name a lookup was asked under, as nsswitch.conf spells it.</summary>
    public static ReadOnlySpan<byte> ModuleName(LookupKind kind) => kind == LookupKind.Hostname ? "libvirt"u8 : "libvirt_guest"u8;
}
