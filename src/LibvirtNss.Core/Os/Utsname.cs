using System;
using System.Runtime.InteropServices;

namespace LibvirtNss.Core.Os;

/// <summary>
/// What uname(2) fills: the kernel's <c>struct new_utsname</c> (glibc's <c>struct utsname</c> on
/// Linux), six NUL-terminated fields of 65 bytes, the same on every architecture. Only the node
/// name is read: the host's own name, which no guest may answer for
/// (<see cref="Matches.GuestNameRule"/>). uname(2) is on the system-call lists of sandboxes
/// such as apt's seccomp filter, where reading /etc/hostname or /proc would not be.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 6 * FieldLength)]
public unsafe struct Utsname
{
    public const int FieldLength = 65;

    [FieldOffset(FieldLength)] public fixed byte NodeName[FieldLength];

    /// <summary>Copies the node name (up to its NUL) into <paramref name="destination"/>; 0 when uname fails.</summary>
    /// <returns>The node name's length.</returns>
    [System.Runtime.CompilerServices.SkipLocalsInit]   // uname writes every field
    public static int TryReadNodeName(Span<byte> destination)
    {
        Utsname names;
        if (Libc.Uname(&names) != 0)
            return 0;
        var field = new ReadOnlySpan<byte>(names.NodeName, FieldLength - 1);
        int length = field.IndexOf((byte)0);
        length = length < 0 ? field.Length : length;
        length = length < destination.Length ? length : destination.Length;
        field.Slice(0, length).CopyTo(destination);
        return length;
    }
}
