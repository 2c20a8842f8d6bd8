using System;
using LibvirtNss.Core;

namespace LibvirtNss.Cli;

internal static class Output
{
    /// <summary>--verbose: the modules' decision lines, on stderr.</summary>
    public static DecisionLog Log(bool verbose) =>
        verbose ? new DecisionLog(line => Console.Error.WriteLine("libvirt-nss: " + line)) : DecisionLog.Silent;

    /// <summary>An error: one line on stderr with its cause; exit status 1.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine("libvirt-nss: " + message);
        return 1;
    }
}
