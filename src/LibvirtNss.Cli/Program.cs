using System;
using System.CommandLine;
using System.IO;
using System.Linq;

// The command runs on Linux only (glibc NSS), which is what the platform analyzer needs to know.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace LibvirtNss.Cli;

internal static class Program
{
    /// <summary>The directory the modules read, fixed in them (src/LibvirtNss.Module/LeaseDirectoryPath.cs).</summary>
    private const string SystemLeaseDirectory = "/var/lib/libvirt/dnsmasq";

    /// <summary>The publisher's directory the modules read after it, fixed in them (src/LibvirtNss.Module/PublishedDirectoryPath.cs).</summary>
    private const string SystemPublishedDirectory = "/run/libvirt-nss";

    private static int Main(string[] args)
    {
        var leaseDir = new Option<string>("--lease-dir")
        {
            Description = "libvirt's dnsmasq directory (the modules always read " + SystemLeaseDirectory + ")",
            DefaultValueFactory = _ => SystemLeaseDirectory,
            HelpName = "dir",
            Recursive = true,
        };
        var publishedDir = new Option<string>("--published-dir")
        {
            Description = "The directory of published records (the modules always read " + SystemPublishedDirectory
                + "); \"\" reads none",
            DefaultValueFactory = _ => SystemPublishedDirectory,
            HelpName = "dir",
            Recursive = true,
        };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Print each decision on stderr, as LIBVIRT_NSS_DEBUG does for the modules",
            Recursive = true,
        };
        var root = new RootCommand("Resolve libvirt guest names as the libvirt NSS modules do, list leases, check and change the setup")
        {
            leaseDir,
            publishedDir,
            verbose,
            ResolveCommand.Create(leaseDir, publishedDir, verbose),
            ListCommand.Create(leaseDir, publishedDir, verbose),
            DoctorCommand.Create(leaseDir, publishedDir),
            NsswitchCommands.CreateEnable(),
            NsswitchCommands.CreateDisable(),
            PublishCommand.Create(leaseDir, verbose),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line, with the cause; the usage is one --help away.
            string message = string.Join(" ", parsed.Errors.Select(e =>
                System.Text.RegularExpressions.Regex.Replace(e.Message, @"\s*\n\s*", " ")).Distinct());
            return Output.Fail($"{message} (see \"libvirt-nss {Subcommand(parsed)}--help\")");
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException
                                      or System.ComponentModel.Win32Exception)
        {
            return Output.Fail(e.Message);
        }
    }

    private static string Subcommand(ParseResult parsed) =>
        parsed.CommandResult.Command is RootCommand ? "" : parsed.CommandResult.Command.Name + " ";
}
