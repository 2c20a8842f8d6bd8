using System;
using System.Text;
using LibvirtNss.Core;

namespace LibvirtNss.Module;

/// <summary>
/// LIBVIRT_NSS_DEBUG: set to any value, each decision is one line on stderr. Read with
/// secure_getenv and AT_SECURE, so a setuid or setgid host (sudo, su) never prints.
/// The host's stderr is written with write(2) directly: no Console, no buffering, no thread.
/// </summary>
internal static unsafe class DebugOutput
{
    private static DecisionLog? s_log;

    public static DecisionLog Log => s_log ??= Create();

    // The switch is Core's (secure_getenv, never under AT_SECURE), shared with the zero-runtime build.
    private static DecisionLog Create() =>
        Core.Diagnostics.DebugSwitch.Enabled ? new DecisionLog(WriteLine) : DecisionLog.Silent;

    private static void WriteLine(string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes("libvirt-nss: " + line + "\n");
        fixed (byte* p = bytes)
        {
            int* errno = Libc.ErrnoLocation();
            int saved = *errno;
            nuint done = 0;
            while (done < (nuint)bytes.Length)
            {
                nint n = Libc.Write(2, p + done, (nuint)bytes.Length - done);
                if (n <= 0)
                    break;
                done += (nuint)n;
            }
            *errno = saved;
        }
    }
}
