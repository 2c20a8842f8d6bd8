using System;
using System.CommandLine;

namespace LibvirtNss.Cli;

/// <summary><c>libvirt-nss doctor</c>: is the module installed, enabled where glibc will ask it, and fed?</summary>
internal static class DoctorCommand
{
    public static Command Create(Option<string> leaseDir)
    {
        Option<string> nsswitch = NsswitchCommands.NsswitchOption("The nsswitch.conf to check");
        var moduleDir = new Option<string?>("--module-dir")
        {
            Description = "Check the modules in this directory instead of where glibc finds them",
            HelpName = "dir",
        };
        var command = new Command("doctor",
            "Check the whole chain: modules installed and loadable, the hosts: line, the lease files; one line per finding")
        {
            nsswitch, moduleDir,
        };
        command.SetAction(parsed =>
        {
            var report = new DoctorReport();
            ModuleCheck.Run(parsed.GetValue(moduleDir), report);
            NsswitchCheck.Run(parsed.GetValue(nsswitch)!, report);
            LeaseCheck.Run(parsed.GetValue(leaseDir)!, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), report);
            string warnings = Count(report.Warnings, "warning");
            Console.WriteLine(report.Errors == 0
                ? $"no problem found ({warnings})"
                : $"{Count(report.Errors, "problem")} found, {warnings}");
            return report.Errors == 0 ? 0 : 1;
        });
        return command;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
