using System;
using System.Diagnostics;
using System.Threading;

namespace LibvirtNss.Fuzz;

/// <summary>
/// Watches the input at hand from a second thread: an input still running after the time cap is
/// a hang (OnHang gets it; a hung thread cannot be stopped, so the run ends there). Also samples
/// the managed heap for its peak, and keeps the slowest input's time.
/// </summary>
internal sealed class Watchdog
{
    private readonly TimeSpan _cap;
    private readonly Thread _thread;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private volatile bool _stopped;
    private long _startedAt = -1;       // _clock ticks when the input at hand began; -1 between inputs
    private byte[] _input = Array.Empty<byte>();
    private bool _isMacs;
    private long _slowestTicks;
    private long _peakHeap;

    public Watchdog(TimeSpan cap)
    {
        _cap = cap;
        _thread = new Thread(Watch) { IsBackground = true, Name = "fuzz watchdog" };
    }

    public Action<byte[], bool> OnHang { get; set; } = (_, _) => { };

    public TimeSpan Slowest => TimeSpan.FromTicks(_slowestTicks * TimeSpan.TicksPerSecond / Stopwatch.Frequency);

    public long PeakHeapBytes => Interlocked.Read(ref _peakHeap);

    public void Start() => _thread.Start();

    public void Stop()
    {
        _stopped = true;
        _thread.Join();
        SampleHeap();
    }

    public void Begin(byte[] input, bool isMacs)
    {
        Volatile.Write(ref _input, input);
        _isMacs = isMacs;
        Interlocked.Exchange(ref _startedAt, _clock.ElapsedTicks);
    }

    public void End()
    {
        long took = _clock.ElapsedTicks - Interlocked.Exchange(ref _startedAt, -1);
        if (took > _slowestTicks) _slowestTicks = took;
    }

    private void Watch()
    {
        long capTicks = (long)(_cap.TotalSeconds * Stopwatch.Frequency);
        while (!_stopped)
        {
            Thread.Sleep(20);
            SampleHeap();
            long started = Interlocked.Read(ref _startedAt);
            if (started >= 0 && _clock.ElapsedTicks - started > capTicks && Interlocked.Read(ref _startedAt) == started)
            {
                OnHang(Volatile.Read(ref _input), _isMacs);
                return;
            }
        }
    }

    private void SampleHeap()
    {
        long heap = GC.GetGCMemoryInfo().HeapSizeBytes;
        long total = GC.GetTotalMemory(forceFullCollection: false);
        long now = Math.Max(heap, total);
        if (now > Interlocked.Read(ref _peakHeap)) Interlocked.Exchange(ref _peakHeap, now);
    }
}
