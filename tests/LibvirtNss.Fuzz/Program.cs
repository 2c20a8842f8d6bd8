using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;

namespace LibvirtNss.Fuzz;

/// <summary>
/// Runs Core's parsers and matcher over generated and mutated inputs (deterministic: one seeded
/// Random drives everything) and prints inputs run, crashes, hangs and peak memory.
///
///   LibvirtNss.Fuzz --inputs N --seed S --corpus DIR --work DIR --sample-size N [--time-cap-ms MS]
///
/// Seeds: every file of --corpus (and of its sibling nssdata/, upstream's test files). An input
/// that fails (an exception leaves the target, or it runs past the time cap) is written into
/// --corpus as failed-*.status / failed-*.macs, where the unit tests replay it from then on.
/// Every (N / sample-size)th input is also written to WORK/sample with its name in
/// WORK/sample/index, for the replay through the built module. Exit status 1 on any failure.
/// </summary>
internal static class Program
{
    private const long RssLimitBytes = 512L * 1024 * 1024;
    private const long MaxSeedBytes = 256 * 1024;

    private static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "--replay")
            return Replay(args[1], args[2]);
        var options = Options.Parse(args);
        var random = new Random(options.Seed);
        var generator = new InputGenerator(random);
        var mutator = new Mutator(random);
        List<byte[]> statusSeeds = Seeds(options.Corpus, ".status"), macsSeeds = Seeds(options.Corpus, ".macs");
        string sampleDir = Path.Combine(options.Work, "sample");
        if (Directory.Exists(sampleDir)) Directory.Delete(sampleDir, recursive: true);
        Directory.CreateDirectory(sampleDir);
        using var sampleIndex = new StreamWriter(Path.Combine(sampleDir, "index"));
        var target = new LookupTarget(Path.Combine(options.Work, "lookup-dir"));
        var watchdog = new Watchdog(TimeSpan.FromMilliseconds(options.TimeCapMs));
        watchdog.OnHang = (input, isMacs) =>
        {
            string saved = Save(options.Corpus, "hang", input, isMacs);
            Console.WriteLine($"fuzz: HANG: an input ran past {options.TimeCapMs} ms; kept as {saved}");
            Summary(options, 0, watchdog, target, crashes: 0, hangs: 1, generated: 0, viaDirectory: 0, samples: 0);
            Environment.Exit(1);
        };
        watchdog.Start();

        int sampleEvery = Math.Max(1, options.Inputs / Math.Max(1, options.SampleSize));
        int crashes = 0, generated = 0, viaDirectory = 0, samples = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < options.Inputs; i++)
        {
            bool isMacs = random.Next(2) == 0;
            List<byte[]> seeds = isMacs ? macsSeeds : statusSeeds;
            byte[] input;
            int source = random.Next(100);
            if (source < 40 || seeds.Count == 0)
            {
                input = isMacs ? generator.MacsFile() : generator.StatusFile();
                generated++;
            }
            else
            {
                byte[] basis = source < 85 ? seeds[random.Next(seeds.Count)]
                    : isMacs ? generator.MacsFile() : generator.StatusFile();
                input = mutator.Mutate(basis, seeds[random.Next(seeds.Count)]);
            }
            string name = random.Next(50) switch
            {
                0 => "VM1",
                1 => "",
                2 => new string('a', 2000),
                _ => InputGenerator.Names[random.Next(InputGenerator.Names.Length)],
            };
            bool lookups = i % 25 == 0;
            if (lookups) viaDirectory++;
            if (samples < options.SampleSize && i >= samples * sampleEvery && name.Length < 1000)
            {
                string file = $"{samples:D6}{(isMacs ? ".macs" : ".status")}";
                File.WriteAllBytes(Path.Combine(sampleDir, file), input);
                sampleIndex.WriteLine($"{file} {(name.Length == 0 ? "-" : name)}");
                samples++;
            }

            watchdog.Begin(input, isMacs);
            try
            {
                target.Run(input, isMacs, name, random, lookups);
            }
            catch (Exception e)
            {
                crashes++;
                string saved = Save(options.Corpus, "crash", input, isMacs);
                if (crashes <= 10)
                    Console.WriteLine($"fuzz: CRASH at input {i}: {e.GetType().Name}: {e.Message}; kept as {saved}\n{e.StackTrace}");
            }
            watchdog.End();
            if ((i + 1) % 100_000 == 0)
                Console.WriteLine($"fuzz: {i + 1} inputs, {clock.Elapsed.TotalSeconds:F0} s");
        }
        watchdog.Stop();
        if (target.LastHeapExhausting is { } heavy)
            File.WriteAllBytes(Path.Combine(options.Work, "last-heap-exhausting-input"), heavy);
        Summary(options, options.Inputs, watchdog, target, crashes, hangs: 0, generated, viaDirectory, samples);
        long rss = PeakRssBytes();
        bool bounded = rss <= RssLimitBytes;
        if (!bounded) Console.WriteLine($"fuzz: peak RSS above the {RssLimitBytes >> 20} MB bound");
        return crashes == 0 && bounded ? 0 : 1;
    }

    /// <summary>
    /// --replay SAMPLE_DIR LEASE_DIR: the sample's lookups through LeaseDirectory.Lookup only (no
    /// seeds held), as the module makes them: to run under the module's GC settings (DOTNET_GC*).
    /// </summary>
    private static int Replay(string sample, string leaseDir)
    {
        Directory.CreateDirectory(leaseDir);
        int inputs = 0, heapSkips = 0;
        var log = new Core.DecisionLog(line => { if (line.Contains("more than the lookup's memory")) heapSkips++; });
        foreach (string line in File.ReadLines(Path.Combine(sample, "index")))
        {
            string[] fields = line.Split(' ');
            string name = fields[1] == "-" ? "" : fields[1];
            foreach (string stale in Directory.GetFiles(leaseDir)) File.Delete(stale);
            File.Copy(Path.Combine(sample, fields[0]), Path.Combine(leaseDir, fields[0].EndsWith(".macs") ? "fuzz.macs" : "fuzz.status"));
            byte[] nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
            foreach (var kind in new[] { Core.LookupKind.Hostname, Core.LookupKind.DomainName })
                foreach (int family in new[] { 2, 10, 0 })
                    Core.LeaseDirectory.Lookup(leaseDir, kind, nameBytes, family, InputGenerator.Now, log);
            inputs++;
        }
        Console.WriteLine($"replay: {inputs} inputs through LeaseDirectory.Lookup; {heapSkips} files skipped for exhausting the heap");
        return 0;
    }

    private static void Summary(Options options, int inputs, Watchdog watchdog, LookupTarget target, int crashes, int hangs,
        int generated, int viaDirectory, int samples)
    {
        Console.WriteLine($"fuzz: inputs run: {inputs} (seed {options.Seed}; {generated} generated, {inputs - generated} mutated; " +
                          $"{viaDirectory} also through whole lookups of both kinds, the oracle's LeaseDirectory.Lookup and the subset's " +
                          $"NameLookup and AddressLookup; {target.LogLines} debug lines checked)");
        Console.WriteLine($"fuzz: crashes: {crashes}");
        Console.WriteLine($"fuzz: hangs: {hangs} (time cap {options.TimeCapMs} ms per input; slowest input {watchdog.Slowest.TotalMilliseconds:F0} ms)");
        Console.WriteLine($"fuzz: peak memory: managed heap {watchdog.PeakHeapBytes / 1048576.0:F1} MB (hard limit 64 MB), " +
                          $"RSS {PeakRssBytes() / 1048576.0:F1} MB (bound {RssLimitBytes >> 20} MB)");
        Console.WriteLine($"fuzz: inputs skipped for exhausting the heap: {target.HeapExhausted}");
        Console.WriteLine($"fuzz: sample for the built module: {samples} files in {Path.Combine(options.Work, "sample")}");
    }

    private static List<byte[]> Seeds(string corpus, string extension)
    {
        var files = new List<string>();
        foreach (string dir in new[] { corpus, Path.Combine(corpus, "..", "nssdata") })
        {
            if (Directory.Exists(dir))
                files.AddRange(Directory.EnumerateFiles(dir, "*" + extension, SearchOption.AllDirectories));
        }
        files.Sort(StringComparer.Ordinal);   // the same seeds in the same order: the same run
        // Large kept failures are replayed (unit tests, check-reliability), not mutated: a mutation copies its seed.
        return files.Where(f => new FileInfo(f).Length <= MaxSeedBytes).Select(File.ReadAllBytes).ToList();
    }

    private static string Save(string corpus, string what, byte[] input, bool isMacs)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(input))[..12];
        string path = Path.Combine(corpus, $"failed-{what}-{hash}{(isMacs ? ".macs" : ".status")}");
        File.WriteAllBytes(path, input);
        return path;
    }

    private static long PeakRssBytes()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        return -1;
    }

    private sealed record Options(int Inputs, int Seed, string Corpus, string Work, int SampleSize, int TimeCapMs)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>();
            for (int i = 0; i + 1 < args.Length; i += 2)
                values[args[i]] = args[i + 1];
            string Get(string key, string fallback) => values.TryGetValue(key, out string? v) ? v : fallback;
            return new Options(int.Parse(Get("--inputs", "1000000")), int.Parse(Get("--seed", "1")),
                Path.GetFullPath(Get("--corpus", "tests/LibvirtNss.Core.Tests/fuzz-corpus")),
                Path.GetFullPath(Get("--work", "build/fuzz")), int.Parse(Get("--sample-size", "10000")),
                int.Parse(Get("--time-cap-ms", "10000")));
        }
    }
}
