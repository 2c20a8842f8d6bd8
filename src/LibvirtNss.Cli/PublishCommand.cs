using System;
using System.CommandLine;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace LibvirtNss.Cli;

/// <summary>
/// <c>libvirt-nss publish</c>: the address publisher (docs/publisher.md). It writes, for the NICs
/// of running domains that no libvirt dnsmasq lease covers, the addresses learnt from the guest
/// agent and the host's neighbour table into <c>publisher.status</c> and <c>publisher.macs</c>,
/// which the module reads like libvirt's own files, and renews them every interval and on every
/// domain lifecycle event.
/// </summary>
internal static class PublishCommand
{
    public const string DefaultDirectory = "/run/libvirt-nss";
    private const int MaxBackoffSeconds = 60;

    public static Command Create(Option<string> leaseDir, Option<bool> verbose)
    {
        var connect = new Option<string>("--connect", "-c")
        {
            Description = "The libvirt URI to read domains from (read-write: the guest agent needs it)",
            DefaultValueFactory = _ => "qemu:///system",
            HelpName = "uri",
        };
        var directory = new Option<string>("--directory")
        {
            Description = "Where to write publisher.status, publisher.macs and publisher.sources",
            DefaultValueFactory = _ => DefaultDirectory,
            HelpName = "dir",
        };
        var interval = new Option<int>("--interval")
        {
            Description = "Seconds between passes; the records expire three intervals after the last pass",
            DefaultValueFactory = _ => 10,
            HelpName = "seconds",
        };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3600)
                result.AddError("--interval must be between 1 and 3600 seconds");
        });
        var once = new Option<bool>("--once") { Description = "Make one pass and exit (status 1 when it failed)" };
        var command = new Command("publish",
            "Publish the addresses of guests that libvirt's dnsmasq does not lease (bridged, macvtap, static) for the modules to answer")
        {
            connect, directory, interval, once,
        };
        command.SetAction(parsed => Run(parsed.GetValue(connect)!, parsed.GetValue(directory)!, parsed.GetValue(leaseDir)!,
            parsed.GetValue(interval), parsed.GetValue(once), Output.Log(parsed.GetValue(verbose))));
        return command;
    }

    private static int Run(string uri, string directory, string leaseDirectory, int interval, bool once, Action<string>? verbose)
    {
        Action<string> report = line => Console.Error.WriteLine("libvirt-nss: " + line);
        using var wake = new AutoResetEvent(false);
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            // The files stay: their records expire on their own.
            context.Cancel = true;
            stop.Cancel();
            wake.Set();
        }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        try
        {
            LibvirtConnection.Initialize(wake);
        }
        catch (DllNotFoundException)
        {
            return Output.Fail("publish needs libvirt's library, libvirt.so.0 (Debian: libvirt0; Fedora: libvirt-libs)");
        }

        PublishPass pass;
        try
        {
            pass = new PublishPass(directory, leaseDirectory, interval, report, verbose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Output.Fail($"{directory}: {e.Message}");
        }

        LibvirtConnection? connection = null;
        int backoff = 1;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (connection is null || connection.Closed)
                {
                    connection?.Dispose();
                    connection = null;
                    try
                    {
                        connection = LibvirtConnection.Open(uri, report);
                        backoff = 1;
                        report($"connected to {uri}");
                    }
                    catch (InvalidOperationException e)
                    {
                        if (once)
                            return Output.Fail(e.Message);
                        report($"{e.Message}; trying again in {backoff} s");
                        Wait(wake, stop, backoff);
                        backoff = Math.Min(backoff * 2, MaxBackoffSeconds);
                        continue;
                    }
                }

                List<RunningDomain>? domains = connection.RunningDomains(report);
                if (domains is null)
                {
                    // Everything is read again once the connection is back.
                    connection.Dispose();
                    connection = null;
                    if (once)
                        return 1;
                    continue;
                }
                try
                {
                    pass.Run(domains);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    if (once)
                        return Output.Fail(e.Message);
                    report(e.Message);
                }
                if (once)
                    return 0;
                Wait(wake, stop, interval);
            }
            return 0;
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>Until <paramref name="seconds"/> pass, an event wakes the loop, or a signal stops it.</summary>
    private static void Wait(AutoResetEvent wake, CancellationTokenSource stop, int seconds)
    {
        if (stop.IsCancellationRequested)
            return;
        wake.WaitOne(TimeSpan.FromSeconds(seconds));
    }
}
