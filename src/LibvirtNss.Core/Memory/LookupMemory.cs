namespace LibvirtNss.Core.Memory;

/// <summary>
/// The memory of one lookup: what it keeps until its answer is packed (paths, names, MACs,
/// lists) and the contents of the one file it reads now, emptied after each file (Arena.Reset). The caller
/// owns both and releases them once the answer is packed; an export keeps them in its own frame,
/// so that a fault recovered there (FaultRecovery.cs) frees them too.
/// </summary>
public struct LookupMemory
{
    public Arena Kept;
    public Arena File;

    public void Release()
    {
        Kept.Release();
        File.Release();
    }
}
