using System;

namespace LibvirtNss.Cli;

internal static class Output
{
    /// <summary>--verbose: the modules' decision lines, on stderr (null: none).</summary>
    public static Action<string>? Log(bool verbose) =>
        verbose ? line => Console.Error.WriteLine("libvirt-nss: " + line) : null;

    /// <summary>An error: one line on stderr with its cause; exit status 1.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine("libvirt-nss: " + message);
        return 1;
    }
}
