// System.Runtime.InteropServices.NativeMemory: the subset's only heap, libc's malloc family.
// As in .NET, an allocation never returns null: where .NET throws OutOfMemoryException this
// raises a fault (FaultRecovery.cs, errno ENOMEM), and a size of 0 allocates 1 byte so the
// pointer is unique and non-null. The same signatures as .NET.

using LibvirtNss.ZeroRuntime;

namespace System.Runtime.InteropServices
{
    public static unsafe class NativeMemory
    {
        public static void* Alloc(nuint byteCount)
        {
            void* result = Libc.malloc(byteCount != 0 ? byteCount : 1);
            if (result == null)
                Fault.Raise(Fault.ENOMEM);
            return result;
        }

        public static void* Alloc(nuint elementCount, nuint elementSize) =>
            Alloc(CheckedProduct(elementCount, elementSize));

        public static void* AllocZeroed(nuint byteCount) => AllocZeroed(byteCount, 1);

        // malloc and a fill rather than calloc: each libc function the module imports is bound
        // when glibc loads it.
        public static void* AllocZeroed(nuint elementCount, nuint elementSize)
        {
            nuint byteCount = CheckedProduct(elementCount, elementSize);
            void* result = Alloc(byteCount);
            SpanHelpers.Set((byte*)result, 0, byteCount != 0 ? byteCount : 1);
            return result;
        }

        public static void* Realloc(void* ptr, nuint byteCount)
        {
            void* result = Libc.realloc(ptr, byteCount != 0 ? byteCount : 1);
            if (result == null)
                Fault.Raise(Fault.ENOMEM);
            return result;
        }

        public static void Free(void* ptr)
        {
            if (ptr != null)
                Libc.free(ptr);
        }

        public static void Clear(void* ptr, nuint byteCount) => SpanHelpers.Set((byte*)ptr, 0, byteCount);

        public static void Copy(void* source, void* destination, nuint byteCount) => Libc.memmove(destination, source, byteCount);

        public static void Fill(void* ptr, nuint byteCount, byte value) => SpanHelpers.Set((byte*)ptr, value, byteCount);

        private static nuint CheckedProduct(nuint a, nuint b)
        {
            nuint product = a * b;
            if (a != 0 && product / a != b)
                Fault.Raise(Fault.ENOMEM); // .NET: OutOfMemoryException
            return product;
        }
    }
}
