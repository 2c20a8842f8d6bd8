using System;
using System.IO;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace LibvirtNss.Core.Benchmarks;

/// <summary>
/// Runs the Core benchmarks in a short job (5 warm-up and 5 measured iterations of 200 ms, in
/// this process: `make bench` stays within minutes),
/// with allocations counted; results go to the CSV that run-bench.sh reads (nanoseconds, bytes).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var csvStyle = SummaryStyle.Default
            .WithTimeUnit(TimeUnit.Nanosecond)
            .WithSizeUnit(SizeUnit.B)
            .WithCultureInfo(System.Globalization.CultureInfo.InvariantCulture);
        IConfig config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun.WithWarmupCount(5).WithIterationCount(5).WithLaunchCount(1)
                .WithIterationTime(TimeInterval.FromMilliseconds(200))
                .WithEvaluateOverhead(false)
                .WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
            .AddExporter(new CsvExporter(CsvSeparator.Comma, csvStyle))
            .WithSummaryStyle(csvStyle);
        WriteFileSizes(args);
        BenchmarkRunner.Run<CoreBenchmarks>(config, args);
    }

    /// <summary>
    /// The size of each generated file, beside BenchmarkDotNet's results (--artifacts DIR), so that
    /// run-bench.sh can turn the mean times into bytes per second.
    /// </summary>
    private static void WriteFileSizes(string[] args)
    {
        int at = Array.IndexOf(args, "--artifacts");
        if (at < 0 || at + 1 >= args.Length)
            return;
        Directory.CreateDirectory(args[at + 1]);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var sizes = new StreamWriter(Path.Combine(args[at + 1], "file-sizes.txt"));
        foreach (int leases in CoreBenchmarks.LeaseCounts)
            sizes.WriteLine($"{leases} {LeaseFixtures.StatusFile(leases, now + 3600).Length} {LeaseFixtures.MacsFile(leases).Length}");
    }
}
