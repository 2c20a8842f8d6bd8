using System;
using System.Runtime.InteropServices;
using LibvirtNss.Core.Answers;

namespace LibvirtNss.TwoWorlds;

/// <summary>The zero-runtime test library's entry points (Native/TestExports.cs), bound by name.</summary>
internal sealed unsafe class NativeWorld
{
    public readonly delegate* unmanaged<byte*, int, int*, byte*, int> AddressText;
    public readonly delegate* unmanaged<int, byte*, byte*, int> AddressFormat;
    public readonly delegate* unmanaged<byte*, int, ulong, byte*, int, int, int*, byte*, int, HostentPlacement*, int> PackHostent;
    public readonly delegate* unmanaged<byte*, int, ulong, byte*, int, int*, byte*, int, ulong*, int*, int> PackTuples;
    public readonly delegate* unmanaged<int, byte*, int, long, int, void> DebugLine;
    public readonly delegate* unmanaged<byte*, byte*, int, int> ListDirectory;
    public readonly delegate* unmanaged<byte*, byte*, int, int*, int*, long*, long> ReadFile;
    public readonly delegate* unmanaged<int, long> SnapshotScript;
    public readonly delegate* unmanaged<byte*, int, byte*, int, byte*, int, int> StatusTranscript;
    public readonly delegate* unmanaged<byte*, int, byte*, int, byte*, int, int> MacsTranscript;
    public readonly delegate* unmanaged<int, byte*, int, byte*, int, int> TextTranscript;
    public readonly delegate* unmanaged<byte*, int, int, long, int, byte*, int, int> Collect;
    public readonly delegate* unmanaged<byte*, int, int, byte*, int, int, int, long, int, byte*, int, int> Lookup;

    public NativeWorld(string path)
    {
        nint library = NativeLibrary.Load(path);
        AddressText = (delegate* unmanaged<byte*, int, int*, byte*, int>)NativeLibrary.GetExport(library, "zrt_address_text");
        AddressFormat = (delegate* unmanaged<int, byte*, byte*, int>)NativeLibrary.GetExport(library, "zrt_address_format");
        PackHostent = (delegate* unmanaged<byte*, int, ulong, byte*, int, int, int*, byte*, int, HostentPlacement*, int>)
            NativeLibrary.GetExport(library, "zrt_pack_hostent");
        PackTuples = (delegate* unmanaged<byte*, int, ulong, byte*, int, int*, byte*, int, ulong*, int*, int>)
            NativeLibrary.GetExport(library, "zrt_pack_tuples");
        DebugLine = (delegate* unmanaged<int, byte*, int, long, int, void>)NativeLibrary.GetExport(library, "zrt_debug_line");
        ListDirectory = (delegate* unmanaged<byte*, byte*, int, int>)NativeLibrary.GetExport(library, "zrt_list_directory");
        ReadFile = (delegate* unmanaged<byte*, byte*, int, int*, int*, long*, long>)NativeLibrary.GetExport(library, "zrt_read_file");
        SnapshotScript = (delegate* unmanaged<int, long>)NativeLibrary.GetExport(library, "zrt_snapshot_script");
        StatusTranscript = (delegate* unmanaged<byte*, int, byte*, int, byte*, int, int>)NativeLibrary.GetExport(library, "zrt_status_transcript");
        MacsTranscript = (delegate* unmanaged<byte*, int, byte*, int, byte*, int, int>)NativeLibrary.GetExport(library, "zrt_macs_transcript");
        TextTranscript = (delegate* unmanaged<int, byte*, int, byte*, int, int>)NativeLibrary.GetExport(library, "zrt_text_transcript");
        Collect = (delegate* unmanaged<byte*, int, int, long, int, byte*, int, int>)NativeLibrary.GetExport(library, "zrt_collect");
        Lookup = (delegate* unmanaged<byte*, int, int, byte*, int, int, int, long, int, byte*, int, int>)
            NativeLibrary.GetExport(library, "zrt_lookup");
    }
}
