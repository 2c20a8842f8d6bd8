using System;
using System.Linq;
using System.Net;
using System.Threading;

namespace HostSafety;

/// <summary>
/// Resolves NAME with Dns.GetHostAddresses (getaddrinfo, so glibc and the module) once alone,
/// then from 8 threads while another thread forces garbage collections: this runtime's GC
/// suspends its threads (with its own signal) while they are inside the module.
/// Usage: dotnet-host NAME ADDRESS [LOOKUPS_PER_THREAD]. Exit status 0 when every lookup answered ADDRESS.
/// </summary>
internal static class Program
{
    private static int s_failures;

    private static int Main(string[] args)
    {
        string name = args[0];
        IPAddress expected = IPAddress.Parse(args[1]);
        int lookups = args.Length > 2 ? int.Parse(args[2]) : 20;

        Dns.GetHostAddresses("localhost"); // glibc's own start-up, before the module's first lookup
        Check(name, expected);
        using var done = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!done.IsCancellationRequested)
            {
                _ = new byte[64 * 1024];
                GC.Collect(2, GCCollectionMode.Forced, blocking: true);
                Thread.Sleep(1);
            }
        });
        collector.Start();
        Thread[] workers = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < lookups; i++)
            {
                Check(name, expected);
                GC.KeepAlive(new string('x', 1000));
            }
        })).ToArray();
        foreach (Thread t in workers) t.Start();
        foreach (Thread t in workers) t.Join();
        done.Cancel();
        collector.Join();
        if (s_failures > 0)
            Console.Error.WriteLine($"dotnet-host: {s_failures} lookups did not answer {expected}");
        return s_failures == 0 ? 0 : 1;
    }

    private static void Check(string name, IPAddress expected)
    {
        try
        {
            if (!Dns.GetHostAddresses(name).Contains(expected))
                Interlocked.Increment(ref s_failures);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref s_failures);
        }
    }
}
