using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using LibvirtNss.Core;

namespace LibvirtNss.Cli;

/// <summary><c>libvirt-nss doctor</c>: is the module installed, enabled where glibc will ask it, and fed?</summary>
internal static class DoctorCommand
{
    private static readonly string[] LibraryDirectories =
        { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib/aarch64-linux-gnu" };

    public static Command Create(Option<string> leaseDir)
    {
        var nsswitch = new Option<string>("--nsswitch")
        {
            Description = "The nsswitch.conf to check",
            DefaultValueFactory = _ => "/etc/nsswitch.conf",
        };
        var command = new Command("doctor", "Check that the modules are installed, enabled before dns, and that the lease files parse") { nsswitch };
        command.SetAction(parsed =>
        {
            var report = new Report();
            CheckModules(report);
            CheckNsswitch(parsed.GetValue(nsswitch)!, report);
            CheckLeases(parsed.GetValue(leaseDir)!, report);
            return report.Errors == 0 ? 0 : 1;
        });
        return command;
    }

    private static void CheckModules(Report report)
    {
        bool any = false;
        foreach (string dir in LibraryDirectories)
        {
            string main = Path.Combine(dir, "libnss_libvirt.so.2");
            string guest = Path.Combine(dir, "libnss_libvirt_guest.so.2");
            if (!File.Exists(main))
                continue;
            any = true;
            report.Ok($"module installed: {main}");
            if (!File.Exists(guest))
                report.Warning($"{guest} is missing: libvirt_guest cannot be used");
        }
        if (!any)
            report.Error("libnss_libvirt.so.2 is not installed in a system library directory");
    }

    private static void CheckNsswitch(string path, Report report)
    {
        HostsLine? hosts;
        try
        {
            hosts = HostsLine.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report.Error($"cannot read {path}: {e.Message}");
            return;
        }
        if (hosts is null)
        {
            report.Error($"{path} has no hosts: line");
            return;
        }
        report.Ok($"{path}: {hosts}");
        int returning = hosts.FirstReturningIndex();
        int dns = hosts.IndexOf("dns");
        int enabled = 0;
        foreach (string module in new[] { "libvirt", "libvirt_guest" })
        {
            int at = hosts.IndexOf(module);
            if (at < 0)
            {
                report.Warning($"{module} is not on the hosts: line");
                continue;
            }
            enabled++;
            if (returning >= 0 && at > returning)
                report.Error($"{module} comes after \"{hosts.Services[returning].Service} {hosts.Services[returning].Action}\", which can end the search before it is asked");
            else if (dns >= 0 && at > dns)
                report.Warning($"{module} comes after dns: names DNS answers never reach it");
            else
                report.Ok($"{module} is enabled");
        }
        if (enabled == 0)
            report.Error("neither libvirt nor libvirt_guest is enabled: add them to the hosts: line, e.g. \"hosts: files libvirt libvirt_guest dns\"");
    }

    private static void CheckLeases(string dir, Report report)
    {
        var skipped = new List<string>();
        var log = new DecisionLog(line =>
        {
            if (line.Contains("skipped", StringComparison.Ordinal) || line.Contains("malformed", StringComparison.Ordinal))
                skipped.Add(line);
        });
        if (!LeaseDirectory.TryListFiles(dir, out List<string> statusFiles, out List<string> macsFiles, out int errno, log))
        {
            report.Error($"cannot read the lease directory {dir} (errno {errno}); is libvirt running a NATed network?");
            return;
        }
        int leases = 0, domains = 0;
        LeaseDirectory.ForEachFile(statusFiles,
            (path, json) => leases += LeaseFileParser.Parse(json, path, (in LeaseEntry _) => { }, log), log);
        LeaseDirectory.ForEachFile(macsFiles,
            (path, json) => domains += MacsFileParser.Parse(json, path, (_, _) => { }, log), log);
        report.Ok($"{dir}: {statusFiles.Count} status files with {leases} leases, {macsFiles.Count} macs files with {domains} domains");
        foreach (string line in skipped)
            report.Warning(line);
    }

    private sealed class Report
    {
        public int Errors { get; private set; }

        public void Ok(string line) => Console.WriteLine("ok:      " + line);

        public void Warning(string line) => Console.WriteLine("warning: " + line);

        public void Error(string line)
        {
            Errors++;
            Console.WriteLine("error:   " + line);
        }
    }
}
