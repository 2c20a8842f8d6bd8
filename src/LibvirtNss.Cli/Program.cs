using System.CommandLine;
using LibvirtNss.Core;

namespace LibvirtNss.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var leaseDir = new Option<string>("--lease-dir")
        {
            Description = "libvirt's dnsmasq directory",
            DefaultValueFactory = _ => LeaseDirectory.SystemPath,
            Recursive = true,
        };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Print each decision on stderr, as LIBVIRT_NSS_DEBUG does for the modules",
            Recursive = true,
        };
        var root = new RootCommand("Resolve libvirt guest names as the libvirt NSS modules do, and check their setup")
        {
            leaseDir,
            verbose,
            ResolveCommand.Create(leaseDir, verbose),
            ListCommand.Create(leaseDir, verbose),
            DoctorCommand.Create(leaseDir),
        };
        return root.Parse(args).Invoke();
    }
}
