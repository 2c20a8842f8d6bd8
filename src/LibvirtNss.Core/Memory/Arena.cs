using System;
using System.Runtime.InteropServices;

namespace LibvirtNss.Core.Memory;

/// <summary>
/// The memory of one lookup (or one snapshot): chunks from malloc handed out front to back and
/// freed all at once by <see cref="Release"/>. Ownership is explicit: whoever made the arena
/// releases it, and nothing from it outlives that. A failed allocation returns null (the caller
/// answers UNAVAIL or skips the file, as with any other resource it cannot have).
/// </summary>
public unsafe struct Arena
{
    /// <summary>Size of a chunk unless one allocation needs more.</summary>
    public const int ChunkBytes = 16 * 1024;

    private struct Chunk
    {
        public Chunk* Next;
        public nuint Size;    // bytes after the header
        public nuint Used;
    }

    private Chunk* _head;
    private long _allocated;   // bytes of all chunks, headers included

    /// <summary>The bytes this arena holds from malloc now.</summary>
    public readonly long Allocated => _allocated;

    /// <summary><paramref name="size"/> bytes aligned to 8 (zeroed only when asked), or null.</summary>
    public void* Allocate(nuint size, bool zeroed = false)
    {
        if (size > int.MaxValue)
            return null;
        nuint aligned = (size + 7) & ~(nuint)7;
        Chunk* chunk = _head;
        if (chunk == null || chunk->Size - chunk->Used < aligned)
        {
            nuint want = aligned > ChunkBytes ? aligned : ChunkBytes;
            nuint total = want + (nuint)sizeof(Chunk);
            chunk = (Chunk*)NativeMemory.Alloc(total);
            if (chunk == null)
                return null;
            chunk->Size = want;
            chunk->Used = 0;
            // A big allocation goes behind the current chunk, so the current one keeps its room.
            if (_head != null && aligned > ChunkBytes)
            {
                chunk->Next = _head->Next;
                _head->Next = chunk;
            }
            else
            {
                chunk->Next = _head;
                _head = chunk;
            }
            _allocated += (long)total;
        }
        byte* at = (byte*)(chunk + 1) + chunk->Used;
        chunk->Used += aligned;
        if (zeroed)
            new Span<byte>(at, (int)size).Clear();
        return at;
    }

    /// <summary>
    /// Empties the arena for its next use, keeping one chunk of the standard size (the others
    /// freed): a lookup that reads file after file through it then asks malloc once, not per file.
    /// </summary>
    public void Reset()
    {
        Chunk* kept = null;
        Chunk* chunk = _head;
        while (chunk != null)
        {
            Chunk* next = chunk->Next;
            if (kept == null && chunk->Size == ChunkBytes)
                kept = chunk;
            else
                NativeMemory.Free(chunk);
            chunk = next;
        }
        _head = kept;
        _allocated = 0;
        if (kept != null)
        {
            kept->Next = null;
            kept->Used = 0;
            _allocated = ChunkBytes + sizeof(Chunk);
        }
    }

    /// <summary>Frees every chunk; the arena is empty (and usable) again.</summary>
    public void Release()
    {
        Chunk* chunk = _head;
        while (chunk != null)
        {
            Chunk* next = chunk->Next;
            NativeMemory.Free(chunk);
            chunk = next;
        }
        _head = null;
        _allocated = 0;
    }
}
