using System.Threading;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Core.Diagnostics;

/// <summary>
/// LIBVIRT_NSS_DEBUG: set to any value, each decision of the lookups is one line on stderr. The
/// only environment variable the module reads, through secure_getenv, which answers NULL in a
/// setuid or setgid process (AT_SECURE: sudo, su), so such a host never prints. Read once per process;
/// two threads reading it at once both find the same answer, so no lock.
/// </summary>
public static unsafe class DebugSwitch
{
    private const int Unknown = 0, Off = 1, On = 2;
    private static int s_state;

    public static bool Enabled
    {
        get
        {
            int state = Volatile.Read(ref s_state);
            if (state == Unknown)
            {
                state = ReadEnvironment() ? On : Off;
                Volatile.Write(ref s_state, state);
            }
            return state == On;
        }
    }

    /// <summary>What the environment says now (uncached).</summary>
    internal static bool ReadEnvironment()
    {
        fixed (byte* name = "LIBVIRT_NSS_DEBUG\0"u8)
            return Libc.SecureGetEnv(name) != null;
    }
}
